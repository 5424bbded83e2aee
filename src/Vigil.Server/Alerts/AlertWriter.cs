using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Alerts;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Hosting;
using Vigil.Server.Live;
using Vigil.Server.Observability;
using Vigil.Vision.Pipeline;

namespace Vigil.Server.Alerts;

/// <summary>
/// The one writer of camera alerts. The cameras' output readers hand changes over through a bounded channel;
/// this service stores them (snapshot file, then the row, in one transaction per batch) and only
/// then pushes them to consoles: whatever a client has received is already in the database. A
/// failing database is retried with backoff; nothing is dropped (when the channel is full the
/// cameras wait, and their newest-frame-wins slots drop frames instead).
/// </summary>
internal sealed class AlertWriter(
    IDbContextFactory<VigilDbContext> contexts,
    SnapshotStore snapshots,
    OpsPush push,
    ServerMetrics metrics,
    ILogger<AlertWriter> logger) : BackgroundService
{
    private const int MaxBatch = 256;
    private readonly Channel<AlertOutput> _queue = Channel.CreateBounded<AlertOutput>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Alerts stored so far.</summary>
    public long Stored { get; private set; }

    /// <summary>Called by the cameras' output readers; waits only when the writer is 10 000 changes behind (the camera's session then waits too).</summary>
    public ValueTask EnqueueAsync(AlertOutput work) => _queue.Writer.WriteAsync(work);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Cameras have stopped by now (they stop first): store what they handed over, then stop.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AlertOutput>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out AlertOutput? work))
                {
                    batch.Add(work);
                }

                IReadOnlyList<AlertRecord> stored = await StoreWithRetryAsync(batch, stoppingToken).ConfigureAwait(false);
                for (int i = 0; i < batch.Count; i++)
                {
                    await push.AlertAsync(new AlertPush(ChangeName(batch[i].Change.Kind), AlertDto.From(stored[i])), stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task<IReadOnlyList<AlertRecord>> StoreWithRetryAsync(List<AlertOutput> batch, CancellationToken cancellationToken)
    {
        TimeSpan delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                return await StoreAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DbUpdateException or IOException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                metrics.AlertWriteFailures.Increment();
                ServerLog.AlertStoreFailed(logger, ex, batch.Count, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private async Task<IReadOnlyList<AlertRecord>> StoreAsync(List<AlertOutput> batch, CancellationToken cancellationToken)
    {
        var snapshotNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (AlertOutput work in batch)
        {
            if (work.Snapshot is { } jpeg)
            {
                Alert a = work.Change.Alert;
                snapshotNames[a.Id] = await snapshots.SaveAsync(a.CameraId, a.Id, jpeg, cancellationToken).ConfigureAwait(false);
            }
        }

        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            // Idempotent: a retry after a commit that did happen finds the rows and updates them.
            string[] ids = batch.Select(w => w.Change.Alert.Id).Distinct(StringComparer.Ordinal).ToArray();
            Dictionary<string, AlertRecord> records = await db.Alerts.Where(a => ids.Contains(a.Id))
                .ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
            var result = new AlertRecord[batch.Count];
            var opened = new List<Alert>();
            for (int i = 0; i < batch.Count; i++)
            {
                AlertOutput work = batch[i];
                Alert alert = snapshotNames.TryGetValue(work.Change.Alert.Id, out string? name) ? work.Change.Alert with { Snapshot = name } : work.Change.Alert;
                if (!records.TryGetValue(alert.Id, out AlertRecord? record))
                {
                    record = AlertRecord.From(alert, work.DecodedAt);
                    record.ClipFrom = work.Clip?.From;
                    records[alert.Id] = record;
                    db.Alerts.Add(record);
                    opened.Add(alert);
                }
                else
                {
                    record.ApplyEpisode(alert);
                }

                if (work.Clip is { } clip)
                {
                    record.ClipTo = clip.To;
                }

                result[i] = record;
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            Stored += batch.Count;
            foreach (Alert alert in opened)
            {
                metrics.Alerts.Increment(alert.CameraId, alert.RuleId, Enum.GetName(alert.Severity)!.ToLowerInvariant());
            }

            return result;
        }
    }

    private static string ChangeName(AlertChangeKind kind) => kind switch
    {
        AlertChangeKind.Opened => "opened",
        AlertChangeKind.Updated => "updated",
        _ => "ended",
    };
}
