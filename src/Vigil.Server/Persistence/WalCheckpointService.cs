using Microsoft.Data.Sqlite;
using Vigil.Data;
using Vigil.Server.Hosting;

namespace Vigil.Server.Persistence;

/// <summary>
/// On SQLite, copies the write-ahead log into the database file four times a second, so that no
/// request's commit does it (ADR 013); on PostgreSQL it does nothing. What it finds is on
/// <c>/metrics</c>, and a log that readers keep from being copied is logged.
/// </summary>
internal sealed class WalCheckpointService(VigilDbContextFactory contexts, TimeProvider clock, ILogger<WalCheckpointService> logger) : BackgroundService
{
    /// <summary>
    /// Short enough that at a thousand writes a second each pass copies about what one of SQLite's
    /// own checkpoints did (the ~1,250 pages written since the last pass), long enough that an idle
    /// server's passes, which find nothing to copy, cost nothing worth counting.
    /// </summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    /// <summary>Frames left in the log that make a pass say so in the log (a quarter of the commits' backstop).</summary>
    public const int PendingWarning = SqliteWalCheckpointer.BackstopPages / 4;

    private static readonly TimeSpan s_warnEvery = TimeSpan.FromMinutes(5);
    private long _passes;
    private long _failures;
    private int _logFrames;
    private int _pendingFrames;
    private long? _lastWarning;

    /// <summary>Whether there is a log to checkpoint (SQLite); false on PostgreSQL.</summary>
    public bool Active => contexts.Settings.Provider == DatabaseProvider.Sqlite;

    /// <summary>Passes that ran.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Passes that failed (the next one tries again; commits checkpoint themselves past the backstop).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Frames in the log at the last pass.</summary>
    public int LogFrames => Volatile.Read(ref _logFrames);

    /// <summary>Frames the last pass could not copy yet, because a reader may still need the pages they replace.</summary>
    public int PendingFrames => Volatile.Read(ref _pendingFrames);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Active)
        {
            return;
        }

        var checkpointer = new SqliteWalCheckpointer(contexts.Settings);
        await using (checkpointer.ConfigureAwait(false))
        {
            using var timer = new PeriodicTimer(Period, clock);
            try
            {
                while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                {
                    await PassAsync(checkpointer, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: what is left in the log is copied by the next start's passes, or when SQLite closes the file.
            }
        }
    }

    private async Task PassAsync(SqliteWalCheckpointer checkpointer, CancellationToken cancellationToken)
    {
        try
        {
            WalCheckpoint pass = await checkpointer.CheckpointAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _passes);
            Volatile.Write(ref _logFrames, pass.LogFrames);
            Volatile.Write(ref _pendingFrames, pass.Pending);
            if (pass.Pending >= PendingWarning && TimeToWarn())
            {
                ServerLog.WalHeldBack(logger, pass.Pending, pass.LogFrames);
            }
        }
        catch (SqliteException ex)
        {
            Interlocked.Increment(ref _failures);
            if (TimeToWarn())
            {
                ServerLog.WalCheckpointFailed(logger, ex);
            }
        }
    }

    /// <summary>True for the first warning, then at most once per <see cref="s_warnEvery"/>: a stuck log should not flood the log file.</summary>
    private bool TimeToWarn()
    {
        if (_lastWarning is { } last && clock.GetElapsedTime(last) < s_warnEvery)
        {
            return false;
        }

        _lastWarning = clock.GetTimestamp();
        return true;
    }
}
