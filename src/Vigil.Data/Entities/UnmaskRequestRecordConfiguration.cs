using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Data.Entities;

/// <summary>The <c>unmask_requests</c> table: looked up by incident and by state (the auditors' queue).</summary>
internal sealed class UnmaskRequestRecordConfiguration : IEntityTypeConfiguration<UnmaskRequestRecord>
{
    public void Configure(EntityTypeBuilder<UnmaskRequestRecord> builder)
    {
        builder.ToTable("unmask_requests");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(32);
        builder.Property(x => x.IncidentId).HasMaxLength(32);
        builder.Property(x => x.CameraId).HasMaxLength(64);
        builder.Property(x => x.RequestedById).HasMaxLength(32);
        builder.Property(x => x.RequestedBy).HasMaxLength(64);
        builder.Property(x => x.Reason).HasMaxLength(1000);
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.DecidedById).HasMaxLength(32);
        builder.Property(x => x.DecidedBy).HasMaxLength(64);
        builder.Property(x => x.DecisionNote).HasMaxLength(1000);
        builder.Property(x => x.RevokedBy).HasMaxLength(64);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => x.IncidentId);
        builder.HasIndex(x => new { x.State, x.RequestedAt });
    }
}
