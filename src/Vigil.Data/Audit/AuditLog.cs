using System.Collections.Concurrent;
using System.Data;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
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
/// <para>
/// Where a commit is a network round trip (PostgreSQL), a writer that finds several saves queued
/// commits them together: each save runs on the first one's connection, in one transaction, with
/// its own entry, and one commit ends them all. If one of them fails, the transaction is rolled
/// back, that caller gets its error, and the others go again (their changes are still pending);
/// nobody's entry is committed without its action, or the other way round.
/// </para>
/// </summary>
public sealed class AuditLog
{
    /// <summary>A signed checkpoint at least every this many entries.</summary>
    public const int DefaultCheckpointEvery = 100;

    private const int MaxAttempts = 50;
    private const int MaxGroup = 64;
    private readonly TimeProvider _clock;
    private readonly AuditSigner? _signer;
    private readonly int _checkpointEvery;
    private readonly ConcurrentQueue<AuditWork> _queue = new();
    private readonly List<AuditWork> _group = [];
    private AuditWork? _carried;
    private int _writing;
    private long _appended;
    private long _commits;
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

    /// <summary>Transactions that committed audited saves: fewer than <see cref="Appended"/> when saves shared a commit.</summary>
    public long Commits => Interlocked.Read(ref _commits);

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
        if (db.Database.CurrentTransaction is not null)
        {
            // The head moves when the save succeeds; a caller's transaction could still roll the entry back under the next one.
            throw new InvalidOperationException("An audited save commits its own transaction; call it on a context without an open transaction.");
        }

        var append = new AuditAppend(db, actor, action, target, detail);
        await RunSerialisedAsync(db, ct => AppendEntryAsync(append, ct), append, cancellationToken).ConfigureAwait(false);
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
            await RunSerialisedAsync(db, ct => CheckpointHeadAsync(db, _signer, ct), null, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunSerialisedAsync(VigilDbContext db, Func<CancellationToken, Task> work, AuditAppend? append, CancellationToken cancellationToken)
    {
        // Opening the connection (a pool lease, per-connection settings) is not part of the chain's order: do it before queueing.
        bool opened = db.Database.GetDbConnection().State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var item = new AuditWork(work, append, _clock.GetTimestamp(), cancellationToken);
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
                while (TakeNext(out AuditWork? item))
                {
                    TakeTurn(item);
                    long turn = _clock.GetTimestamp();
                    try
                    {
                        if (_group.Count == 1)
                        {
                            await item.RunAsync().ConfigureAwait(false);
                        }
                        else
                        {
                            await AppendTogetherAsync(_group).ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        // The list lives as long as the log: left full, it would keep the turn's contexts alive until the next turn.
                        _group.Clear();
                    }

                    Interlocked.Add(ref _heldTicks, _clock.GetElapsedTime(turn).Ticks);
                }
            }
            finally
            {
                Volatile.Write(ref _writing, 0);
            }
        }
    }

    /// <summary>
    /// The next work to run: what the last turn took from the queue but could not run, else the
    /// queue's head. Never <c>TryPeek</c>: it marks the queue's segment as observed, after which
    /// the queue no longer clears the slots it dequeues, so every save that passed through it
    /// (its context, its request) stays reachable until the whole segment is dropped.
    /// </summary>
    private bool TakeNext([NotNullWhen(true)] out AuditWork? item)
    {
        item = _carried;
        _carried = null;
        return item is not null || _queue.TryDequeue(out item);
    }

    /// <summary>
    /// Starts the writer's next turn with <paramref name="first"/> in <see cref="_group"/>, and the appends
    /// queued right behind it when its database commits them together.
    /// </summary>
    private void TakeTurn(AuditWork first)
    {
        _group.Add(first);
        if (first.Append?.Db.SharesAuditCommits == true)
        {
            while (_group.Count < MaxGroup && _queue.TryDequeue(out AuditWork? next))
            {
                if (next.Append is null)
                {
                    // A checkpoint is never grouped: it starts the next turn.
                    _carried = next;
                    break;
                }

                _group.Add(next);
            }
        }

        foreach (AuditWork item in _group)
        {
            Interlocked.Add(ref _waitedTicks, _clock.GetElapsedTime(item.Queued).Ticks);
            Interlocked.Increment(ref _started);
        }
    }

    private async Task AppendEntryAsync(AuditAppend append, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            (long sequence, string previous) = _head ??= await ReadHeadAsync(append.Db, cancellationToken).ConfigureAwait(false);
            if (_checkpointed < 0 && _signer is not null)
            {
                _checkpointed = await ReadCheckpointedAsync(append.Db, cancellationToken).ConfigureAwait(false);
            }

            AuditStaged staged = Stage(append, sequence + 1, previous, _checkpointed);
            try
            {
                await append.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                _head = (staged.Entry.Sequence, staged.Entry.Hash);
                _checkpointed = staged.Checkpointed;
                Interlocked.Increment(ref _appended);
                Interlocked.Increment(ref _commits);
                return;
            }
            catch (Exception ex)
            {
                // Nothing was saved. Forget the entry (the action's own changes stay pending) and the cached head.
                Unstage(append.Db, staged);
                _head = null;
                _checkpointed = -1;
                bool anotherHostAppended = ex is DbUpdateException && !cancellationToken.IsCancellationRequested
                    && (await ReadHeadAsync(append.Db, cancellationToken).ConfigureAwait(false)).Sequence >= staged.Entry.Sequence;
                if (!anotherHostAppended || attempt == MaxAttempts)
                {
                    throw;
                }

                // Two hosts appending in a tight loop can keep colliding: a short random pause breaks the tie.
                await Task.Delay(Random.Shared.Next(0, 2 + attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Commits the group's saves together; when one fails, it fails alone and the others go again.
    /// Never throws: every caller in the group gets its outcome.
    /// </summary>
    private async Task AppendTogetherAsync(List<AuditWork> group)
    {
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                group.RemoveAll(static item => item.CompleteIfCancelled());
                if (group.Count <= 1)
                {
                    if (group.Count == 1)
                    {
                        await group[0].RunAsync().ConfigureAwait(false);
                    }

                    return;
                }

                (int failed, Exception? error, long first) = await TryCommitTogetherAsync(group).ConfigureAwait(false);
                if (error is null)
                {
                    CompleteAll(group, null);
                    return;
                }

                bool anotherHostAppended = error is DbUpdateException
                    && (await ReadHeadAsync(group[0].Append!.Db, CancellationToken.None).ConfigureAwait(false)).Sequence >= first;
                if (anotherHostAppended && attempt < MaxAttempts)
                {
                    await Task.Delay(Random.Shared.Next(0, 2 + attempt)).ConfigureAwait(false);
                    continue;
                }

                if (failed < 0 || anotherHostAppended)
                {
                    // Not one caller's doing (the head could not be read, the commit failed, or the other host kept winning).
                    CompleteAll(group, error);
                    return;
                }

                // The caller whose save failed gets its error; the others' changes are still pending and go again.
                group[failed].Complete(error);
                group.RemoveAt(failed);
            }
        }
        catch (Exception ex)
        {
            CompleteAll(group, ex);
        }
    }

    /// <summary>
    /// One try at committing the group together: every save on the first one's connection, in one
    /// transaction. Returns which save failed (or -1 when none did, or the failure was no save's),
    /// the error, and the sequence number the group's first entry had.
    /// </summary>
    private async Task<(int Failed, Exception? Error, long First)> TryCommitTogetherAsync(List<AuditWork> group)
    {
        DatabaseFacade leader = group[0].Append!.Db.Database;
        var staged = new AuditStaged?[group.Count];
        var ownConnections = new string?[group.Count];
        int borrowed = 0;
        int failed = -1;
        long first = long.MaxValue;
        Exception? error = null;
        IDbContextTransaction transaction = await leader.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            try
            {
                (long sequence, string previous) = _head ??= await ReadHeadAsync(group[0].Append!.Db, CancellationToken.None).ConfigureAwait(false);
                if (_checkpointed < 0 && _signer is not null)
                {
                    _checkpointed = await ReadCheckpointedAsync(group[0].Append!.Db, CancellationToken.None).ConfigureAwait(false);
                }

                first = sequence + 1;
                long checkpointed = _checkpointed;
                for (int i = 0; i < group.Count; i++)
                {
                    AuditAppend append = group[i].Append!;
                    if (i > 0)
                    {
                        // Its caller opened its own connection; it goes back to the pool while the save runs on the group's.
                        ownConnections[i] = append.Db.Database.GetConnectionString();
                        await append.Db.Database.CloseConnectionAsync().ConfigureAwait(false);
                        append.Db.Database.SetDbConnection(leader.GetDbConnection(), contextOwnsConnection: false);
                        borrowed = i;
                        await append.Db.Database.UseTransactionAsync(transaction.GetDbTransaction(), CancellationToken.None).ConfigureAwait(false);
                    }

                    // The whole transaction is rolled back on any failure, so a savepoint per save would only cost round trips.
                    append.Db.Database.AutoSavepointsEnabled = false;
                    AuditStaged entry = Stage(append, sequence + 1, previous, checkpointed);
                    staged[i] = entry;
                    try
                    {
                        await append.Db.SaveChangesAsync(acceptAllChangesOnSuccess: false, group[i].CancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        (failed, error) = (i, ex);
                        break;
                    }

                    (sequence, previous, checkpointed) = (entry.Entry.Sequence, entry.Entry.Hash, entry.Checkpointed);
                }

                if (error is null)
                {
                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                    _head = (sequence, previous);
                    _checkpointed = checkpointed;
                    Interlocked.Add(ref _appended, group.Count);
                    Interlocked.Increment(ref _commits);
                }
            }
            catch (Exception ex) when (error is null)
            {
                error = ex;
            }
            finally
            {
                for (int i = 0; i < group.Count; i++)
                {
                    DatabaseFacade database = group[i].Append!.Db.Database;
                    database.AutoSavepointsEnabled = true;
                    if (error is null)
                    {
                        group[i].Append!.Db.ChangeTracker.AcceptAllChanges();
                    }
                    else if (staged[i] is { } entry)
                    {
                        Unstage(group[i].Append!.Db, entry);
                    }

                    if (i > 0 && i <= borrowed)
                    {
                        // Back on a connection of its own (opened when next used), out of the group's transaction.
                        await database.UseTransactionAsync(null, CancellationToken.None).ConfigureAwait(false);
                        database.SetDbConnection(null, contextOwnsConnection: true);
                        database.SetConnectionString(ownConnections[i]);
                    }
                }
            }
        }

        if (error is not null)
        {
            _head = null;
            _checkpointed = -1;
        }

        return (failed, error, first);
    }

    /// <summary>Hands every caller in the group the same outcome: done (no error), or the error.</summary>
    private static void CompleteAll(List<AuditWork> group, Exception? error)
    {
        foreach (AuditWork item in group)
        {
            item.Complete(error);
        }
    }

    /// <summary>Adds the entry (and a checkpoint when one is due) to the context holding the action's changes.</summary>
    private AuditStaged Stage(AuditAppend append, long sequence, string previous, long checkpointed)
    {
        var entry = new AuditEntry(sequence, AuditChain.Normalize(_clock.GetUtcNow()), append.Actor, append.Action, append.Target, append.Detail);
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
        append.Db.AuditEntries.Add(record);
        AuditCheckpointRecord? checkpoint = null;
        if (_signer is not null && sequence - checkpointed >= _checkpointEvery)
        {
            checkpoint = ToRecord(_signer.Sign(record.Sequence, record.Hash, record.At));
            append.Db.AuditCheckpoints.Add(checkpoint);
        }

        return new AuditStaged(record, checkpoint, checkpoint?.Sequence ?? checkpointed);
    }

    /// <summary>Takes a staged entry (and checkpoint) back out of the context; the action's own changes stay pending.</summary>
    private static void Unstage(VigilDbContext db, AuditStaged staged)
    {
        db.Entry(staged.Entry).State = EntityState.Detached;
        if (staged.Checkpoint is not null)
        {
            db.Entry(staged.Checkpoint).State = EntityState.Detached;
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
