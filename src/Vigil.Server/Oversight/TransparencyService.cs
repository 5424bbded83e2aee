using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Domain.Audit;
using Vigil.Domain.Dispatch;
using Vigil.Domain.Sensors;
using Vigil.Server.Pipelines;
using Vigil.Server.Sensors;

namespace Vigil.Server.Oversight;

/// <summary>Builds the transparency report; a built report is reused for a minute (the page is public).</summary>
internal sealed class TransparencyService(IDbContextFactory<VigilDbContext> contexts, CameraRegistry cameras, SensorRegistry sensors, AuditSigner signer, TimeProvider clock) : IDisposable
{
    public const int MonthsShown = 12;
    public const int CheckpointsShown = 100;
    private static readonly TimeSpan s_reuseFor = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TransparencyReport? _cached;

    public async Task<TransparencyReport> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } fresh && clock.GetUtcNow() - fresh.GeneratedAt < s_reuseFor)
        {
            return fresh;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } again && clock.GetUtcNow() - again.GeneratedAt < s_reuseFor)
            {
                return again;
            }

            _cached = await BuildAsync(cancellationToken).ConfigureAwait(false);
            return _cached;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<TransparencyReport> BuildAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            var months = new List<TransparencyMonth>();
            var start = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
            for (int i = 0; i < MonthsShown; i++)
            {
                DateTimeOffset from = start.AddMonths(-i);
                DateTimeOffset to = from.AddMonths(1);
                months.Add(await MonthAsync(db, from, to, cancellationToken).ConfigureAwait(false));
            }

            var checkpoints = (await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).Take(CheckpointsShown)
                    .ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(c => new TransparencyCheckpoint(c.Sequence, c.Hash, c.At, c.KeyId, c.Signature))
                .ToArray();
            TransparencyCamera[] registry = cameras.All.Select(r => r.Camera).Select(c => new TransparencyCamera(
                    c.Id,
                    c.Name,
                    c.Purpose,
                    c.LegalBasis,
                    c.Retention.TotalHours,
                    Enum.GetName(c.Redaction)!.ToLowerInvariant(),
                    c.Location?.Latitude,
                    c.Location?.Longitude,
                    c.Rules.Select(r => Configuration.RuleKindNames.NameOf(r.Kind)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray()))
                .ToArray();
            TransparencySensor[] sensorRegistry = sensors.All.Select(r => r.Sensor).OrderBy(s => s.Id, StringComparer.Ordinal)
                .Select(s => new TransparencySensor(s.Id, s.Name, SensorKinds.Of(s.Kind).Name, s.Purpose, s.Location?.Latitude, s.Location?.Longitude, s.Retention.TotalDays))
                .ToArray();
            return new TransparencyReport(now, signer.PublicKeyPem, signer.KeyId, registry, months, checkpoints, sensorRegistry);
        }
    }

    private static async Task<TransparencyMonth> MonthAsync(VigilDbContext db, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.OpenedAt >= from && a.OpenedAt < to)
            .GroupBy(a => a.Kind).Select(g => new { Kind = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.ReceivedAt >= from && i.ReceivedAt < to)
            .GroupBy(i => i.Type).Select(g => new { Type = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        string[] counted =
        [
            AuditActions.LiveViewOpened, AuditActions.SnapshotViewed, AuditActions.FrameViewed, AuditActions.SignInFailed, AuditActions.RecordingViewed,
            AuditActions.EvidenceRequested, AuditActions.EvidenceApproved, AuditActions.EvidenceRefused,
            AuditActions.UnmaskRequested, AuditActions.UnmaskApproved, AuditActions.UnmaskRefused, AuditActions.IncidentImported,
        ];
        var actions = await db.AuditEntries.AsNoTracking().Where(e => e.At >= from && e.At < to && counted.Contains(e.Action))
            .GroupBy(e => e.Action).Select(g => new { Action = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        List<string?> deletions = await db.AuditEntries.AsNoTracking().Where(e => e.At >= from && e.At < to && e.Action == AuditActions.MediaDeleted)
            .Select(e => e.Detail).ToListAsync(cancellationToken).ConfigureAwait(false);
        List<string?> viewings = await db.AuditEntries.AsNoTracking().Where(e => e.At >= from && e.At < to && e.Action == AuditActions.OriginalViewed)
            .Select(e => e.Detail).ToListAsync(cancellationToken).ConfigureAwait(false);
        int exports = await db.AuditEntries.AsNoTracking().CountAsync(e => e.At >= from && e.At < to && e.Action.StartsWith("export-"), cancellationToken).ConfigureAwait(false);
        int Count(string action) => actions.FirstOrDefault(a => a.Action == action)?.Count ?? 0;
        return new TransparencyMonth(
            from.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            alerts.OrderBy(a => a.Kind).ToDictionary(a => Configuration.RuleKindNames.NameOf(a.Kind), a => a.Count, StringComparer.Ordinal),
            incidents.OrderBy(i => i.Type).ToDictionary(i => IncidentTypeNames.NameOf(i.Type), i => i.Count, StringComparer.Ordinal),
            Count(AuditActions.LiveViewOpened),
            Count(AuditActions.SnapshotViewed) + Count(AuditActions.FrameViewed),
            deletions.Sum(LeadingCount),
            exports,
            Count(AuditActions.IncidentImported),
            Count(AuditActions.SignInFailed),
            Count(AuditActions.RecordingViewed),
            Count(AuditActions.EvidenceRequested),
            Count(AuditActions.EvidenceApproved),
            Count(AuditActions.EvidenceRefused),
            Count(AuditActions.UnmaskRequested),
            Count(AuditActions.UnmaskApproved),
            Count(AuditActions.UnmaskRefused),
            Math.Round(viewings.Sum(LeadingCount) / 60.0, 2));
    }

    /// <summary>Retention entries start with the number of items deleted ("3 snapshot(s) ..."), viewings of originals with their seconds ("42 s of ...").</summary>
    private static int LeadingCount(string? detail) =>
        detail is not null && int.TryParse(detail.AsSpan(0, Math.Max(0, detail.IndexOf(' ', StringComparison.Ordinal))), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 0;
}
