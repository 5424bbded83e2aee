using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Data.Entities;

/// <summary>The <c>recording_segments</c> table: found by camera and time.</summary>
internal sealed class RecordingSegmentRecordConfiguration : IEntityTypeConfiguration<RecordingSegmentRecord>
{
    public const int FileLength = 200;

    public void Configure(EntityTypeBuilder<RecordingSegmentRecord> builder)
    {
        builder.ToTable("recording_segments");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(32);
        builder.Property(x => x.CameraId).HasMaxLength(64);
        builder.Property(x => x.File).HasMaxLength(FileLength);
        builder.Property(x => x.Sha256).HasMaxLength(64);
        builder.HasIndex(x => x.File).IsUnique();
        builder.HasIndex(x => new { x.CameraId, x.StartedAt });
        builder.HasIndex(x => new { x.CameraId, x.EndedAt });
        builder.HasIndex(x => x.EndedAt);
    }
}
