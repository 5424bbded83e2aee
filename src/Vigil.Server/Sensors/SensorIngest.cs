using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Data.Sensors;
using Vigil.Domain.Sensors;
using Vigil.Server.Hosting;
using Vigil.Server.Live;
using Vigil.Server.Observability;

namespace Vigil.Server.Sensors;

/// <summary>
/// The one way readings come in (HTTP and MQTT, ADR 018): each reading is checked
/// (<see cref="ReadingCheck"/>; refused ones are counted per sensor and reason and logged at most once a
/// minute per sensor, never stored), then queued on a bounded channel. One loop stores them in batches
/// (a reading sent twice is stored once) and only then feeds each sensor's monitor, in time order; every
/// 10 s it asks the monitors which sensors fell silent. What the monitors say is counted, logged and
/// becomes alerts (<see cref="SensorAlerts"/>); a changed stage or silence is pushed as the sensor's state.
/// </summary>
internal sealed class SensorIngest(
    IDbContextFactory<VigilDbContext> contexts,
    SensorRegistry sensors,
    SensorAlerts alerts,
    OpsPush push,
    ServerMetrics metrics,
    TimeProvider clock,
    ILogger<SensorIngest> logger) : BackgroundService
{
    public const int Capacity = 100_000;
    private const int MaxBatch = 2000;
    private static readonly TimeSpan s_checkEvery = TimeSpan.FromSeconds(10);
    private readonly Channel<IngestedReading> _queue = Channel.CreateBounded<IngestedReading>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly List<SensorReadingRecord> _rows = new(MaxBatch);
    private readonly Action<string> _countStored = id => metrics.SensorReadings.Increment(id);
    private long _stored;

    /// <summary>Readings stored so far.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Readings queued and not yet stored.</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>Checks a batch of one sensor's readings and queues the good ones; returns the refused ones (the rest were taken).</summary>
    public List<RefusedReading> Accept(SensorRuntime sensor, IReadOnlyList<RawReading> readings)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(readings);
        var refused = new List<RefusedReading>();
        DateTimeOffset now = clock.GetUtcNow();
        for (int i = 0; i < readings.Count; i++)
        {
            RawReading raw = readings[i];
            if (ReadingCheck.Problem(sensor.Sensor, raw.Value, raw.Unit, raw.At, now) is { } reason)
            {
                refused.Add(new RefusedReading(i, reason, ReadingCheck.Explain(reason, sensor.Sensor)));
                continue;
            }

            if (!_queue.Writer.TryWrite(new IngestedReading(sensor, new SensorReading(raw.At!.Value, raw.Value!.Value), now)))
            {
                refused.Add(new RefusedReading(i, "busy", "the server is behind on storing readings; send it again shortly"));
            }
        }

        foreach (RefusedReading r in refused)
        {
            Refused(sensor.Sensor.Id, r.Reason);
        }

        if (refused.Count > 0)
        {
            LogRefusal(sensor, refused[0]);
        }

        return refused;
    }

    /// <summary>Counts a reading refused before its sensor was known (unknown sensor, unreadable payload).</summary>
    public void Refused(string sensorId, string reason) => metrics.SensorReadingsRefused.Increment(sensorId, reason);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<IngestedReading>(MaxBatch);
        var events = new List<SensorEvent>();
        long lastCheck = Stopwatch.GetTimestamp();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(s_checkEvery);
                try
                {
                    await _queue.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Nothing arrived for a while: time to look for silent sensors.
                }

                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out IngestedReading? reading))
                {
                    batch.Add(reading);
                }

                if (batch.Count > 0)
                {
                    await StoreWithRetryAsync(batch, stoppingToken).ConfigureAwait(false);
                    Observe(batch, events);
                }

                if (Stopwatch.GetElapsedTime(lastCheck) >= s_checkEvery)
                {
                    lastCheck = Stopwatch.GetTimestamp();
                    DateTimeOffset now = clock.GetUtcNow();
                    foreach (SensorRuntime sensor in sensors.All)
                    {
                        sensor.Monitor.Check(now, events);
                    }
                }

                await ReportAsync(events, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Runs the monitors over a stored batch, each sensor's readings in time order.</summary>
    private static void Observe(List<IngestedReading> batch, List<SensorEvent> events)
    {
        batch.Sort(static (a, b) => a.Sensor == b.Sensor ? a.Reading.At.CompareTo(b.Reading.At) : string.CompareOrdinal(a.Sensor.Sensor.Id, b.Sensor.Sensor.Id));
        foreach (IngestedReading r in batch)
        {
            r.Sensor.Monitor.Observe(r.Reading, r.ArrivedAt, events);
        }
    }

    /// <summary>Counts, logs and turns into alerts what the monitors said (a failing database leaves the alert out, logged; readings are already stored).</summary>
    private async Task ReportAsync(List<SensorEvent> events, CancellationToken cancellationToken)
    {
        foreach (SensorEvent e in events)
        {
            metrics.SensorEvents.Increment(e.SensorId, Enum.GetName(e.Kind)!);
            ServerLog.SensorEvent(logger, e.SensorId, e.Kind, e.Stage?.Name ?? "none", e.Value);
            if (sensors.Find(e.SensorId) is { } sensor)
            {
                try
                {
                    await alerts.ApplyAsync(sensor, e, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is DbUpdateException or DbException)
                {
                    ServerLog.SensorStoreFailed(logger, ex.Message);
                }

                if (e.Kind is not SensorEventKind.RisingFast and not SensorEventKind.OutOfRange)
                {
                    await push.SensorAsync(sensor.State(e.At), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        events.Clear();
    }

    private async Task StoreWithRetryAsync(List<IngestedReading> batch, CancellationToken cancellationToken)
    {
        TimeSpan delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                int stored = await StoreAsync(batch, cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref _stored, stored);
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or DbException)
            {
                // The database is away or busy: the readings wait in memory (the queue is bounded) and are stored when it is back.
                ServerLog.SensorStoreFailed(logger, ex.Message);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    /// <summary>Stores the batch in one transaction; readings already stored (same sensor and time) are left out by the database. Returns how many were new.</summary>
    private async Task<int> StoreAsync(List<IngestedReading> batch, CancellationToken cancellationToken)
    {
        _rows.Clear();
        foreach (IngestedReading r in batch)
        {
            Sensor sensor = r.Sensor.Sensor;
            bool flagged = !SensorKinds.InRange(sensor.Kind, sensor.Unit, r.Reading.Value);
            _rows.Add(new SensorReadingRecord { SensorId = sensor.Id, At = r.Reading.At, Value = r.Reading.Value, Flagged = flagged });
        }

        VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await SensorReadingInserts.InsertNewAsync(db, _rows, _countStored, cancellationToken).ConfigureAwait(false);
        }
    }

    private void LogRefusal(SensorRuntime sensor, RefusedReading first)
    {
        long now = Stopwatch.GetTimestamp();
        if (sensor.LastRefusalLogged == 0 || Stopwatch.GetElapsedTime(sensor.LastRefusalLogged, now) >= TimeSpan.FromMinutes(1))
        {
            sensor.LastRefusalLogged = now;
            ServerLog.SensorReadingRefused(logger, sensor.Sensor.Id, first.Reason, first.Detail);
        }
    }
}
