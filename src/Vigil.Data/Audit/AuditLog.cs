using System.Collections.Concurrent;
using System.Data;
using Microsoft.EntityFrameworkCore;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;

namespace Vigil.Data.Audit;

/// <summary>
/// Appends to the hash-chained audit log in the same transaction as the action it records: the
/// caller makes its changes on a context and calls <see cref="SaveWithAsync"/>, which adds the entry
/// and saves both, or neither.
/// <para>
/// Appends are made one at a time, in order, with the chain head kept in memory. Callers queue their
/// save; a caller that finds nobody writing becomes the writer and runs queued saves, its own and
/// those queued meanwhile, until the queue is empty (the others wait for theirs). Not a lock: with a
/// lock, a busy server only runs the next waiter once the thread that released it has finished the
/// rest of its own request, so the chain sits idle between appends and, at high rates, the waiters
/// pile up without bound. Not a background writer either: waking one costs a trip through the busy
/// thread pool for every append that finds it idle. The caller also opens its connection before
/// queueing, so only the statements themselves are serialised. The queue holds at most one save per
/// waiting caller.
/// </para>
/// <para>
/// Across processes the entry's sequence number is the primary key, so a host whose head is stale
/// (another host appended meanwhile) fails to insert, reads the head again and retries. Several
/// hosts can share one database, the chain order is the commit order, and a single host pays
/// nothing for it.
/// </para>
/// </summary>
public sealed class AuditLog
{
    /// <summary>A signed checkpoint at least every this many entries.</summary>
    public const int DefaultCheckpointEvery = 100;

    private const int MaxAttempts = 50;
    private readonly TimeProvider _clock;
    private readonly AuditSigner? _signer;
    private readonly int _checkpointEvery;
    private readonly ConcurrentQueue<AuditWork> _queue = new();
    private int _writing;
    private long _appended;
    private long _started;
    private long _waitedTicks;
    private long _heldTicks;

    private (long Sequence, string Hash)? _head;
    private long _checkpointed = -1;

    public AuditLog(TimeProvider clock, AuditSigner? signer = null, int checkpointEvery = DefaultCheckpointEvery)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpointEvery, 1);
        _clock = clock;
        _signer = signer;
        _checkpointEvery = checkpointEvery;
    }

    /// <summary>The public key checkpoints are signed with (PEM), when signing is on.</summary>
    public string? PublicKeyPem => _signer?.PublicKeyPem;

    /// <summary>Entries appended by this process.</summary>
    public long Appended => Interlocked.Read(ref _appended);

    /// <summary>Saves (and checkpoints) waiting for their turn or being written now.</summary>
    public int QueueDepth => _queue.Count;

    /// <summary>Saves (and checkpoints) that have had their turn.</summary>
    public long Turns => Interlocked.Read(ref _started);

    /// <summary>
    /// How long, in all, those waited for their turn: against <see cref="Turns"/>, the mean wait.
    /// A wait that grows is the first sign that audited writes are reaching what one host can order.
    /// </summary>
    public TimeSpan TotalWait => TimeSpan.FromTicks(Interlocked.Read(ref _waitedTicks));

    /// <summary>
    /// How long, in all, turns held the chain (the save's statements and commit): its growth per
    /// second is the fraction of time the chain is busy. As that nears one, waits grow without bound.
    /// </summary>
    public TimeSpan TotalHeld => TimeSpan.FromTicks(Interlocked.Read(ref _heldTicks));

    /// <summary>Saves the context's pending changes together with one audit entry.</summary>
    public async Task SaveWithAsync(VigilDbContext db, string actor, string action, string? target, string? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(action);
        await RunSerialisedAsync(db, ct => AppendEntryAsync(db, actor, action, target, detail, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records an action that changes nothing else (a sign-in failure, a live view opened).</summary>
    public Task AppendAsync(VigilDbContext db, string actor, string action, string? target, string? detail, CancellationToken cancellationToken) =>
        SaveWithAsync(db, actor, action, target, detail, cancellationToken);

    /// <summary>Signs a checkpoint at the head of the chain unless one is already there (called at start, on a timer and at shutdown).</summary>
    public async Task CheckpointAsync(VigilDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_signer is not null)
        {
            await RunSerialisedAsync(db, ct => CheckpointHeadAsync(db, _signer, ct), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunSerialisedAsync(VigilDbContext db, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        // Opening the connection (a pool lease, per-connection settings) is not part of the chain's order: do it before queueing.
        bool opened = db.Database.GetDbConnection().State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var item = new AuditWork(work, _clock.GetTimestamp(), cancellationToken);
            _queue.Enqueue(item);
            await WriteQueuedAsync().ConfigureAwait(false);

            // Not abandoned on cancellation: the writer may be using this context, so the caller waits
            // until it is done with it (the writer passes the token on, so that is soon).
            await item.Completion.ConfigureAwait(false);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Becomes the writer unless someone else is, and runs queued work until none is left.</summary>
    private async Task WriteQueuedAsync()
    {
        // Checking the queue again after letting go closes the gap where work arrives just as the writer finds the queue empty.
        while (!_queue.IsEmpty && Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            try
            {
                while (_queue.TryDequeue(out AuditWork? item))
                {
                    Interlocked.Add(ref _waitedTicks, _clock.GetElapsedTime(item.Queued).Ticks);
                    Interlocked.Increment(ref _started);
                    long turn = _clock.GetTimestamp();
                    await item.RunAsync().ConfigureAwait(false);
                    Interlocked.Add(ref _heldTicks, _clock.GetElapsedTime(turn).Ticks);
                }
            }
            finally
            {
                Volatile.Write(ref _writing, 0);
            }
        }
    }

    private async Task AppendEntryAsync(VigilDbContext db, string actor, string action, string? target, string? detail, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            (long sequence, string previous) = _head ??= await ReadHeadAsync(db, cancellationToken).ConfigureAwait(false);
            if (_checkpointed < 0 && _signer is not null)
            {
                _checkpointed = await ReadCheckpointedAsync(db, cancellationToken).ConfigureAwait(false);
            }

            var entry = new AuditEntry(sequence + 1, AuditChain.Normalize(_clock.GetUtcNow()), actor, action, target, detail);
            var record = new AuditEntryRecord
            {
                Sequence = entry.Sequence,
                At = entry.At,
                Actor = entry.Actor,
                Action = entry.Action,
                Target = entry.Target,
                Detail = entry.Detail,
                PreviousHash = previous,
                Hash = AuditChain.Hash(previous, entry),
            };
            db.AuditEntries.Add(record);
            AuditCheckpointRecord? checkpoint = null;
            if (_signer is not null && record.Sequence - _checkpointed >= _checkpointEvery)
            {
                checkpoint = ToRecord(_signer.Sign(record.Sequence, record.Hash, record.At));
                db.AuditCheckpoints.Add(checkpoint);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                _head = (record.Sequence, record.Hash);
                _checkpointed = checkpoint?.Sequence ?? _checkpointed;
                Interlocked.Increment(ref _appended);
                return;
            }
            catch (Exception ex)
            {
                // Nothing was saved. Forget the entry (the action's own changes stay pending) and the cached head.
                db.Entry(record).State = EntityState.Detached;
                if (checkpoint is not null)
                {
                    db.Entry(checkpoint).State = EntityState.Detached;
                }

                _head = null;
                _checkpointed = -1;
                bool anotherHostAppended = ex is DbUpdateException && !cancellationToken.IsCancellationRequested
                    && (await ReadHeadAsync(db, cancellationToken).ConfigureAwait(false)).Sequence >= record.Sequence;
                if (!anotherHostAppended || attempt == MaxAttempts)
                {
                    throw;
                }

                // Two hosts appending in a tight loop can keep colliding: a short random pause breaks the tie.
                await Task.Delay(Random.Shared.Next(0, 2 + attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task CheckpointHeadAsync(VigilDbContext db, AuditSigner signer, CancellationToken cancellationToken)
    {
        (long sequence, string hash) = await ReadHeadAsync(db, cancellationToken).ConfigureAwait(false);
        long checkpointed = await ReadCheckpointedAsync(db, cancellationToken).ConfigureAwait(false);
        if (sequence == 0 || sequence <= checkpointed)
        {
            return;
        }

        AuditCheckpointRecord checkpoint = ToRecord(signer.Sign(sequence, hash, _clock.GetUtcNow()));
        db.AuditCheckpoints.Add(checkpoint);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            _checkpointed = sequence;
        }
        catch (DbUpdateException)
        {
            // Another host signed this entry at the same moment: one checkpoint is enough.
            db.Entry(checkpoint).State = EntityState.Detached;
        }
    }

    private static AuditCheckpointRecord ToRecord(AuditCheckpoint c) =>
        new() { Sequence = c.Sequence, Hash = c.Hash, At = c.At, KeyId = c.KeyId, Signature = c.Signature };

    private static async Task<long> ReadCheckpointedAsync(VigilDbContext db, CancellationToken cancellationToken) =>
        await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).Select(c => (long?)c.Sequence)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? 0;

    private static async Task<(long Sequence, string Hash)> ReadHeadAsync(VigilDbContext db, CancellationToken cancellationToken)
    {
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return head is null ? (0, AuditChain.Genesis) : (head.Sequence, head.Hash);
    }
}
