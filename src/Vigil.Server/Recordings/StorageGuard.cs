using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;
using Vigil.Domain.Cameras;
using Vigil.Server.Hosting;
using Vigil.Server.Pipelines;

namespace Vigil.Server.Recordings;

/// <summary>
/// Keeps the recordings within their room (<c>recordings:</c> and each camera's <c>record.max_size</c>):
/// every few seconds, a camera over its cap, all footage over the overall cap, or a disk under the
/// free-space floor makes the oldest footage that no evidence hold keeps go first, each batch audited.
/// Held evidence is never deleted: when only held footage is left and the floor still cannot be kept,
/// every camera's recording pauses (analysis, alerts and the live wall go on), supervisors are told on
/// the console, and recording resumes by itself when space returns.
/// </summary>
internal sealed class StorageGuard(
    IDbContextFactory<VigilDbContext> contexts,
    CameraRegistry cameras,
    RecordingStore recordings,
    RecordingStorage storage,
    IDiskSpace disk,
    AuditLog audit,
    ILogger<StorageGuard> logger,
    TimeProvider clock) : BackgroundService
{
    public const string Actor = "storage";
    private const int Batch = 200;
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(10);

    /// <summary>How long the console keeps telling supervisors that footage had to go.</summary>
    private static readonly TimeSpan s_trimShown = TimeSpan.FromHours(1);
    private (string Message, DateTimeOffset At)? _lastTrim;

    /// <summary>The last check's result.</summary>
    public StorageStatus Status { get; private set; } = new(StorageState.Ok, 0, 0, null, DateTimeOffset.MinValue);

    /// <summary>Raised after a check whose state or message differs from the one before.</summary>
    public event Action<StorageStatus>? Changed;

    /// <summary>Segments deleted to keep a floor or a cap so far.</summary>
    public long Deleted { get; private set; }

    /// <summary>One check: caps, then the floor; pauses or resumes recording. Returns the new status.</summary>
    public async Task<StorageStatus> CheckAsync(CancellationToken cancellationToken)
    {
        var messages = new List<string>();
        foreach (CameraRuntime camera in cameras.All)
        {
            if (camera.Camera.Recording.MaxBytes is { } cap)
            {
                string id = camera.Camera.Id;
                long used = await UsedAsync(q => q.Where(r => r.CameraId == id), cancellationToken).ConfigureAwait(false);
                if (used > cap)
                {
                    await TrimAsync(q => q.Where(r => r.CameraId == id), used - cap, $"camera {id} over its record.max_size {Gb(cap)}", messages, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        long total = await UsedAsync(q => q, cancellationToken).ConfigureAwait(false);
        if (storage.MaxBytes is { } overall && total > overall)
        {
            await TrimAsync(q => q, total - overall, $"all footage over recordings.max_size {Gb(overall)}", messages, cancellationToken).ConfigureAwait(false);
        }

        long free = disk.FreeBytes(recordings.Root);
        if (free < storage.MinFreeBytes)
        {
            await TrimAsync(q => q, storage.MinFreeBytes - free, $"free space {Gb(free)} under recordings.min_free {Gb(storage.MinFreeBytes)}", messages, cancellationToken).ConfigureAwait(false);
            free = disk.FreeBytes(recordings.Root);
        }

        DateTimeOffset now = clock.GetUtcNow();
        if (messages.Count > 0)
        {
            _lastTrim = (string.Join("; ", messages), now);
            ServerLog.StorageTrimmed(logger, _lastTrim.Value.Message);
        }

        StorageStatus status;
        if (free < storage.MinFreeBytes)
        {
            string message = $"free space {Gb(free)} is under recordings.min_free {Gb(storage.MinFreeBytes)} and what is left is held as evidence: recording is paused on every camera (analysis and alerts go on). Free space on the disk or release evidence.";
            if (!recordings.Space.Paused)
            {
                recordings.Space.Pause();
                ServerLog.RecordingPaused(logger, message);
                await AuditAsync(AuditActions.RecordingPaused, message, cancellationToken).ConfigureAwait(false);
            }

            status = new StorageStatus(StorageState.Paused, free, await UsedAsync(q => q, cancellationToken).ConfigureAwait(false), message, now);
        }
        else
        {
            if (recordings.Space.Paused)
            {
                recordings.Space.Resume();
                ServerLog.RecordingResumed(logger, free);
                await AuditAsync(AuditActions.RecordingResumed, $"free space {Gb(free)} is above recordings.min_free {Gb(storage.MinFreeBytes)} again", cancellationToken).ConfigureAwait(false);
            }

            bool trimmed = _lastTrim is { } t && now - t.At < s_trimShown;
            string? message = trimmed ? $"At {_lastTrim!.Value.At:HH:mm} UTC the oldest footage was deleted: {_lastTrim.Value.Message}." : null;
            status = new StorageStatus(trimmed ? StorageState.Trimmed : StorageState.Ok, free, await UsedAsync(q => q, cancellationToken).ConfigureAwait(false), message, now);
        }

        StorageStatus before = Status;
        Status = status;
        if (before.State != status.State || before.Message != status.Message)
        {
            Changed?.Invoke(status);
        }

        return status;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_interval, clock);
        try
        {
            do
            {
                try
                {
                    await CheckAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is DbUpdateException or IOException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
                {
                    // The next check tries again; a database that is away must not stop the guard.
                    ServerLog.StorageTrimmed(logger, $"the storage check failed ({ex.GetType().Name}); trying again in {s_interval.TotalSeconds:0} s");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task<long> UsedAsync(Func<IQueryable<RecordingSegmentRecord>, IQueryable<RecordingSegmentRecord>> scope, CancellationToken cancellationToken)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await scope(db.RecordingSegments).SumAsync(r => r.Bytes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the oldest unheld segments in scope until <paramref name="bytes"/> are freed or none is left.</summary>
    private async Task TrimAsync(Func<IQueryable<RecordingSegmentRecord>, IQueryable<RecordingSegmentRecord>> scope, long bytes, string why, List<string> messages, CancellationToken cancellationToken)
    {
        long freed = 0;
        int count = 0;
        while (freed < bytes)
        {
            VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                List<RecordingSegmentRecord> oldest = await scope(RecordingStore.Unheld(db, clock.GetUtcNow()))
                    .OrderBy(r => r.StartedAt)
                    .Take(Batch)
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                var chosen = new List<RecordingSegmentRecord>();
                foreach (RecordingSegmentRecord row in oldest)
                {
                    if (freed >= bytes)
                    {
                        break;
                    }

                    chosen.Add(row);
                    freed += row.Bytes;
                }

                if (chosen.Count == 0)
                {
                    break;
                }

                string detail = string.Create(CultureInfo.InvariantCulture, $"{chosen.Count} recording segment(s) ({chosen.Sum(r => r.Bytes) / 1e6:0.#} MB), oldest first, none held as evidence: {why}");
                count += await recordings.DeleteAsync(db, chosen, Actor, "recordings", detail, cancellationToken).ConfigureAwait(false);
            }
        }

        if (count > 0)
        {
            Deleted += count;
            messages.Add(string.Create(CultureInfo.InvariantCulture, $"{count} segment(s), {freed / 1e6:0.#} MB ({why})"));
        }
    }

    private async Task AuditAsync(string action, string detail, CancellationToken cancellationToken)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await audit.AppendAsync(db, Actor, action, "recordings", detail, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Gb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.##} GB");
}
