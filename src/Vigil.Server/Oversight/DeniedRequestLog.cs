using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Domain.Audit;

namespace Vigil.Server.Oversight;

/// <summary>
/// Refused requests (401, 403, 429) go into the audit log as summaries: one entry per actor,
/// endpoint, status and client address per <see cref="Period"/>, with the count, so that someone
/// probing the API leaves a trace while a flood of refusals cannot flood the chain. At most
/// <see cref="MaxKeys"/> distinct summaries a period; the rest are counted in one overflow entry.
/// </summary>
internal sealed partial class DeniedRequestLog(AuditLog audit, IDbContextFactory<VigilDbContext> contexts, TimeProvider clock, ILogger<DeniedRequestLog> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    public const int MaxKeys = 1000;

    private ConcurrentDictionary<Key, int> _counts = new();
    private long _overflow;
    private DateTimeOffset _since = clock.GetUtcNow();

    public void Record(string actor, string endpoint, int status, string? address)
    {
        ConcurrentDictionary<Key, int> counts = Volatile.Read(ref _counts);
        var key = new Key(actor, endpoint, status, address ?? "unknown address");
        if (counts.Count >= MaxKeys && !counts.ContainsKey(key))
        {
            Interlocked.Increment(ref _overflow);
            return;
        }

        counts.AddOrUpdate(key, 1, static (_, n) => n + 1);
    }

    /// <summary>Writes what was counted since the last flush (every period, and at shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        ConcurrentDictionary<Key, int> counts = Interlocked.Exchange(ref _counts, new ConcurrentDictionary<Key, int>());
        long overflow = Interlocked.Exchange(ref _overflow, 0);
        DateTimeOffset since = _since;
        DateTimeOffset until = clock.GetUtcNow();
        _since = until;
        if (counts.IsEmpty && overflow == 0)
        {
            return;
        }

        VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            string window = $"between {since:HH:mm:ss} and {until:HH:mm:ss} UTC";
            foreach ((Key key, int count) in counts.OrderBy(c => c.Key.Actor, StringComparer.Ordinal).ThenBy(c => c.Key.Endpoint, StringComparer.Ordinal))
            {
                await audit.AppendAsync(db, key.Actor, AuditActions.RequestsDenied, key.Endpoint, $"{key.Status} × {count} {window}; from {key.Address}", cancellationToken).ConfigureAwait(false);
            }

            if (overflow > 0)
            {
                await audit.AppendAsync(db, "system", AuditActions.RequestsDenied, "endpoint/*", $"{overflow} more refusals {window} (more than {MaxKeys} distinct callers and endpoints)", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException)
        {
            // Torn down without a graceful stop: the last minute's summary is lost, not the chain.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await FlushAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFlushFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // StopAsync writes the last summary.
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Could not write the summary of refused requests to the audit log")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);

    private readonly record struct Key(string Actor, string Endpoint, int Status, string Address);
}
