using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;
using Vigil.Domain.Cameras;
using Vigil.Server.Alerts;
using Vigil.Server.Evidence;
using Vigil.Server.Pipelines;
using Vigil.Server.Recordings;
using Vigil.Server.Sensors;

namespace Vigil.Server.Oversight;

/// <summary>
/// Deletes each camera's media when its retention ends (DESIGN.md §8): alert snapshots older than
/// the camera's retention, unless an evidence hold keeps them, and recording segments that ended
/// longer ago than the camera's <c>record.retain</c> for their kind, unless they are part of a held alert's clip. Each sweep of a camera is one audit
/// entry (what, how many, by which policy), written in the same transaction that drops the media
/// references; the files go after the commit (a file that outlives a crash is unreachable, never
/// a reference to a deleted file). Approved evidence packages go when their download period ends,
/// sensor readings when their sensor's retention does. Such leftovers — and snapshots written for an alert whose commit a
/// crash prevented — are found by a second pass over the folder and deleted, audited too.
/// </summary>
internal sealed class RetentionSweeper(
    IDbContextFactory<VigilDbContext> contexts,
    CameraRegistry cameras,
    SnapshotStore snapshots,
    RecordingStore recordings,
    EvidenceService evidence,
    SensorRegistry sensors,
    AuditLog audit,
    TimeProvider clock) : BackgroundService
{
    public const string Actor = "retention";
    private const int Batch = 500;
    private static readonly TimeSpan s_interval = TimeSpan.FromMinutes(5);

    /// <summary>A file this old that no alert refers to is a leftover (the alert writer commits within seconds).</summary>
    public static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(10);

    /// <summary>Media items deleted so far (for metrics and the transparency report).</summary>
    public long Deleted { get; private set; }

    /// <summary>One pass over every camera; returns how many media items were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        int total = 0;
        foreach (CameraRuntime camera in cameras.All)
        {
            total += await SweepCameraAsync(camera.Camera.Id, camera.Camera.Retention, cancellationToken).ConfigureAwait(false);
            foreach (FootageKind kind in Enum.GetValues<FootageKind>())
            {
                total += await SweepRecordingsAsync(camera.Camera.Id, kind, camera.Camera.Recording.RetainFor(kind), cancellationToken).ConfigureAwait(false);
            }
        }

        total += await SweepOrphansAsync(cancellationToken).ConfigureAwait(false);
        total += await evidence.SweepAsync(cancellationToken).ConfigureAwait(false);
        Deleted += total;
        await SweepReadingsAsync(cancellationToken).ConfigureAwait(false);
        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_interval, clock);
        try
        {
            do
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Deletes snapshot files no alert refers to (and half-written ones) once they are <see cref="OrphanAge"/> old.</summary>
    /// <summary>Sensor readings older than their sensor's retention (not media, no personal data: not audited, not counted as media).</summary>
    private async Task SweepReadingsAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            foreach (SensorRuntime sensor in sensors.All)
            {
                DateTimeOffset cutoff = now - sensor.Sensor.Retention;
                string id = sensor.Sensor.Id;
                await db.SensorReadings.Where(r => r.SensorId == id && r.At < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<int> SweepOrphansAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset before = clock.GetUtcNow() - OrphanAge;
        string[] old = snapshots.Files().Where(f => f.WrittenAt < before).Select(f => f.Name).ToArray();
        if (old.Length == 0)
        {
            return 0;
        }

        var orphans = new List<string>();
        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            foreach (string[] chunk in old.Chunk(Batch))
            {
                List<string?> referenced = await db.Alerts.Where(a => chunk.Contains(a.Snapshot)).Select(a => a.Snapshot).ToListAsync(cancellationToken).ConfigureAwait(false);
                orphans.AddRange(chunk.Except(referenced.OfType<string>(), StringComparer.Ordinal));
            }

            if (orphans.Count == 0)
            {
                return 0;
            }

            string detail = string.Create(CultureInfo.InvariantCulture, $"{orphans.Count} snapshot file(s) that no alert refers to (left by an interrupted write or deletion), older than {OrphanAge.TotalMinutes:0} min");
            await audit.AppendAsync(db, Actor, AuditActions.MediaDeleted, "snapshots", detail, cancellationToken).ConfigureAwait(false);
        }

        foreach (string name in orphans)
        {
            if (snapshots.PathOf(name) is { } path)
            {
                File.Delete(path);
            }
        }

        return orphans.Count;
    }

    private async Task<int> SweepCameraAsync(string cameraId, TimeSpan retention, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        DateTimeOffset cutoff = now - retention;
        int deleted = 0;
        while (true)
        {
            VigilDbContext db = contexts.CreateDbContext();
            await using (db.ConfigureAwait(false))
            {
                List<AlertRecord> expired = await db.Alerts
                    .Where(a => a.CameraId == cameraId && a.Snapshot != null && a.OpenedAt < cutoff)
                    .Where(a => !db.EvidenceHolds.Any(h => h.AlertId == a.Id && (h.HoldUntil == null || h.HoldUntil > now)))
                    .OrderBy(a => a.Id)
                    .Take(Batch)
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                if (expired.Count == 0)
                {
                    return deleted;
                }

                string[] files = expired.Select(a => a.Snapshot!).ToArray();
                foreach (AlertRecord alert in expired)
                {
                    alert.Snapshot = null;
                }

                string detail = string.Create(CultureInfo.InvariantCulture, $"{expired.Count} snapshot(s) opened before {cutoff:u}: camera retention {retention.TotalHours:0.##} h");
                await audit.SaveWithAsync(db, Actor, AuditActions.MediaDeleted, $"camera/{cameraId}", detail, cancellationToken).ConfigureAwait(false);
                foreach (string name in files)
                {
                    if (snapshots.PathOf(name) is { } path)
                    {
                        File.Delete(path);
                    }
                }

                deleted += expired.Count;
            }
        }
    }

    /// <summary>
    /// Deletes a camera's segments of one kind that ended before that kind's retention, unless an
    /// evidence hold keeps them (they overlap a held alert's clip): rows in one audited transaction per
    /// batch, then the files.
    /// </summary>
    private async Task<int> SweepRecordingsAsync(string cameraId, FootageKind kind, TimeSpan retain, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        DateTimeOffset cutoff = now - retain;
        int deleted = 0;
        while (true)
        {
            VigilDbContext db = contexts.CreateDbContext();
            await using (db.ConfigureAwait(false))
            {
                List<RecordingSegmentRecord> expired = await RecordingStore.Unheld(db, now)
                    .Where(r => r.CameraId == cameraId && r.Kind == kind && r.EndedAt < cutoff)
                    .OrderBy(r => r.StartedAt)
                    .Take(Batch)
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                if (expired.Count == 0)
                {
                    return deleted;
                }

                string detail = string.Create(CultureInfo.InvariantCulture, $"{expired.Count} {KindName(kind)} recording segment(s) ({expired.Sum(r => r.Bytes) / 1e6:0.#} MB) that ended before {cutoff:u}: record.retain {retain.TotalDays:0.##} days");
                deleted += await recordings.DeleteAsync(db, expired, Actor, $"camera/{cameraId}", detail, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string KindName(FootageKind kind) => kind switch
    {
        FootageKind.Event => "event",
        FootageKind.Motion => "motion",
        _ => "continuous",
    };
}
