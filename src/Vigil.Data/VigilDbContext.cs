using Microsoft.EntityFrameworkCore;
using Vigil.Data.Entities;

namespace Vigil.Data;

/// <summary>
/// Vigil's system of record. The model is shared; each database has its own subclass so that each
/// keeps its own migrations (<see cref="SqliteVigilDbContext"/>, <see cref="PostgresVigilDbContext"/>).
/// </summary>
public abstract class VigilDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<AlertRecord> Alerts => Set<AlertRecord>();

    public DbSet<UserRecord> Users => Set<UserRecord>();

    public DbSet<ApiTokenRecord> ApiTokens => Set<ApiTokenRecord>();

    public DbSet<SessionRecord> Sessions => Set<SessionRecord>();

    public DbSet<RecordingSegmentRecord> RecordingSegments => Set<RecordingSegmentRecord>();

    public DbSet<AuditEntryRecord> AuditEntries => Set<AuditEntryRecord>();

    public DbSet<AuditCheckpointRecord> AuditCheckpoints => Set<AuditCheckpointRecord>();

    public DbSet<EvidenceHoldRecord> EvidenceHolds => Set<EvidenceHoldRecord>();

    public DbSet<EvidenceRequestRecord> EvidenceRequests => Set<EvidenceRequestRecord>();

    public DbSet<UnmaskRequestRecord> UnmaskRequests => Set<UnmaskRequestRecord>();

    public DbSet<SensorReadingRecord> SensorReadings => Set<SensorReadingRecord>();

    public DbSet<PublicWarningRecord> PublicWarnings => Set<PublicWarningRecord>();

    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();

    public DbSet<IncidentEventRecord> IncidentEvents => Set<IncidentEventRecord>();

    public DbSet<IncidentAlertRecord> IncidentAlerts => Set<IncidentAlertRecord>();

    public DbSet<UnitStateRecord> UnitStates => Set<UnitStateRecord>();

    /// <summary>
    /// Whether the audit log may commit several callers' audited saves in one transaction. Worth it
    /// where a commit is a network round trip held in the chain's order (a server); not for an
    /// in-process database file, whose commit costs no round trip.
    /// </summary>
    internal virtual bool SharesAuditCommits => false;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfiguration(new SessionRecordConfiguration());
        modelBuilder.ApplyConfiguration(new RecordingSegmentRecordConfiguration());
        modelBuilder.ApplyConfiguration(new EvidenceRequestRecordConfiguration());
        modelBuilder.ApplyConfiguration(new UnmaskRequestRecordConfiguration());
        modelBuilder.Entity<SensorReadingRecord>(r =>
        {
            r.ToTable("sensor_readings");
            r.HasKey(x => new { x.SensorId, x.At });
            r.Property(x => x.SensorId).HasMaxLength(64);
            r.HasIndex(x => x.At);
        });
        modelBuilder.Entity<AlertRecord>(a =>
        {
            a.ToTable("alerts");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).HasMaxLength(32);
            a.Property(x => x.CameraId).HasMaxLength(64);
            a.Property(x => x.SensorId).HasMaxLength(64);
            a.Property(x => x.RuleId).HasMaxLength(64);
            a.Property(x => x.ZoneId).HasMaxLength(64);
            a.Property(x => x.LineId).HasMaxLength(64);
            a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            a.Property(x => x.Crossing).HasConversion<string>().HasMaxLength(16);
            a.Property(x => x.Severity).HasConversion<string>().HasMaxLength(16);
            a.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            a.Property(x => x.Snapshot).HasMaxLength(128);
            a.Property(x => x.HandledBy).HasMaxLength(64);
            a.Property(x => x.Note).HasMaxLength(1000);
            a.Property(x => x.Version).IsConcurrencyToken();
            a.HasIndex(x => new { x.CameraId, x.Id });
            a.HasIndex(x => new { x.State, x.Id });
            a.HasIndex(x => new { x.CameraId, x.OpenedAt });
            a.HasIndex(x => new { x.SensorId, x.OpenedAt });
        });

        modelBuilder.Entity<UserRecord>(u =>
        {
            u.ToTable("users");
            u.HasKey(x => x.Id);
            u.Property(x => x.Id).HasMaxLength(32);
            u.Property(x => x.UserName).HasMaxLength(64);
            u.Property(x => x.NormalizedUserName).HasMaxLength(64);
            u.HasIndex(x => x.NormalizedUserName).IsUnique();
            u.Property(x => x.PasswordHash).HasMaxLength(256);
            u.Property(x => x.Roles).HasMaxLength(128);
            u.Property(x => x.SecurityStamp).HasMaxLength(64).IsConcurrencyToken();
            u.Ignore(x => x.RoleList);
            u.HasMany(x => x.Tokens).WithOne(t => t.User).HasForeignKey(t => t.UserId);
        });

        modelBuilder.Entity<ApiTokenRecord>(t =>
        {
            t.ToTable("api_tokens");
            t.HasKey(x => x.Id);
            t.Property(x => x.Id).HasMaxLength(32);
            t.Property(x => x.UserId).HasMaxLength(32);
            t.Property(x => x.Name).HasMaxLength(100);
            t.Property(x => x.TokenHash).HasMaxLength(64);
            t.Property(x => x.Prefix).HasMaxLength(16);
            t.HasIndex(x => x.TokenHash).IsUnique();
        });

        modelBuilder.Entity<AuditEntryRecord>(e =>
        {
            e.ToTable("audit_entries");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedNever();
            e.Property(x => x.Actor).HasMaxLength(64);
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.Target).HasMaxLength(256);
            e.Property(x => x.Detail).HasMaxLength(2000);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => new { x.Action, x.At });
        });

        modelBuilder.Entity<AuditCheckpointRecord>(c =>
        {
            c.ToTable("audit_checkpoints");
            c.HasKey(x => x.Sequence);
            c.Property(x => x.Sequence).ValueGeneratedNever();
            c.Property(x => x.Hash).HasMaxLength(64);
            c.Property(x => x.KeyId).HasMaxLength(16);
            c.Property(x => x.Signature).HasMaxLength(128);
        });

        modelBuilder.Entity<EvidenceHoldRecord>(h =>
        {
            h.ToTable("evidence_holds");
            h.HasKey(x => x.Id);
            h.Property(x => x.Id).HasMaxLength(32);
            h.Property(x => x.AlertId).HasMaxLength(32);
            h.Property(x => x.HeldBy).HasMaxLength(128);
            h.HasIndex(x => x.AlertId);
        });

        modelBuilder.Entity<IncidentRecord>(i =>
        {
            i.ToTable("incidents");
            i.HasKey(x => x.Id);
            i.Property(x => x.Id).HasMaxLength(32);
            i.Property(x => x.Type).HasConversion<string>().HasMaxLength(32);
            i.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            i.Property(x => x.FirstUnitType).HasConversion<string>().HasMaxLength(16);
            i.Property(x => x.Location).HasMaxLength(200);
            i.Property(x => x.Summary).HasMaxLength(1000);
            i.Property(x => x.CallerCallback).HasMaxLength(32);
            i.Property(x => x.CreatedBy).HasMaxLength(64);
            i.Property(x => x.SourceAgencyId).HasMaxLength(255);
            i.Property(x => x.SourceAgencyName).HasMaxLength(200);
            i.Property(x => x.SourceIncidentId).HasMaxLength(255);
            i.Property(x => x.Version).IsConcurrencyToken();
            i.HasIndex(x => new { x.Status, x.Id });
            i.HasIndex(x => new { x.SourceAgencyId, x.SourceIncidentId }).IsUnique();
        });

        modelBuilder.Entity<IncidentEventRecord>(e =>
        {
            e.ToTable("incident_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.IncidentId).HasMaxLength(32);
            e.Property(x => x.Actor).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Text).HasMaxLength(1000);
            e.Property(x => x.SourceNoteId).HasMaxLength(255);
            e.HasIndex(x => new { x.IncidentId, x.Id });
        });

        modelBuilder.Entity<IncidentAlertRecord>(l =>
        {
            l.ToTable("incident_alerts");
            l.HasKey(x => new { x.IncidentId, x.AlertId });
            l.Property(x => x.IncidentId).HasMaxLength(32);
            l.Property(x => x.AlertId).HasMaxLength(32);
        });

        modelBuilder.Entity<PublicWarningRecord>(w =>
        {
            w.ToTable("public_warnings");
            w.HasKey(x => x.Id);
            w.Property(x => x.Id).HasMaxLength(32);
            w.Property(x => x.ThreadId).HasMaxLength(32);
            w.Property(x => x.IncidentId).HasMaxLength(32);
            w.Property(x => x.Identifier).HasMaxLength(200);
            w.Property(x => x.MessageType).HasMaxLength(16);
            w.Property(x => x.Headline).HasMaxLength(200);
            w.Property(x => x.CreatedBy).HasMaxLength(64);
            w.HasIndex(x => new { x.ThreadId, x.Number }).IsUnique();
            w.HasIndex(x => x.IncidentId);
            w.HasIndex(x => x.Identifier).IsUnique();
            w.HasIndex(x => x.Sent);
        });

        modelBuilder.Entity<UnitStateRecord>(u =>
        {
            u.ToTable("unit_states");
            u.HasKey(x => x.UnitId);
            u.Property(x => x.UnitId).HasMaxLength(64);
            u.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            u.Property(x => x.IncidentId).HasMaxLength(32);
            u.Property(x => x.Version).IsConcurrencyToken();
            u.HasIndex(x => x.IncidentId);
        });
    }
}
