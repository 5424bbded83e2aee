using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Data.Entities;

/// <summary>The <c>sessions</c> table.</summary>
internal sealed class SessionRecordConfiguration : IEntityTypeConfiguration<SessionRecord>
{
    /// <summary>Room for an IPv6 address in text.</summary>
    public const int ClientAddressLength = 64;

    public void Configure(EntityTypeBuilder<SessionRecord> builder)
    {
        builder.ToTable("sessions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(32);
        builder.Property(x => x.UserId).HasMaxLength(32);
        builder.Property(x => x.ClientAddress).HasMaxLength(ClientAddressLength);
        builder.HasOne<UserRecord>().WithMany().HasForeignKey(x => x.UserId);
        builder.HasIndex(x => new { x.UserId, x.EndedAt });
    }
}
