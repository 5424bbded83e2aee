using Microsoft.EntityFrameworkCore;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;

namespace Vigil.Data.Audit;

/// <summary>
/// Appends to the hash-chained audit log in the same transaction as the action it records: the
/// caller makes its changes on a context and calls <see cref="SaveWithAsync"/>, which adds the entry
/// and saves both, or neither. Appends are serialised in this process by a lock, with the chain head
/// kept in memory; across processes the entry's sequence number is the primary key, so a host whose
/// head is stale (another host appended meanwhile) fails to insert, reads the head again and retries.
/// Several hosts can share one database, the chain order is the commit order, and a single host pays
/// nothing for it.
/// </summary>
public sealed class AuditLog(TimeProvider clock, AuditSigner? signer = null, int checkpointEvery = AuditLog.DefaultCheckpointEvery) : IDisposable
{
    /// <summary>A signed checkpoint at least every this many entries.</summary>
    public const int DefaultCheckpointEvery = 100;

    private const int MaxAttempts = 50;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Sequence, string Hash)? _head;
    private long _checkpointed = -1;

    /// <summary>The public key checkpoints are signed with (PEM), when signing is on.</summary>
    public string? PublicKeyPem => signer?.PublicKeyPem;

    /// <summary>Entries appended by this process.</summary>
    public long Appended { get; private set; }

    /// <summary>Saves the context's pending changes together with one audit entry.</summary>
    public async Task SaveWithAsync(VigilDbContext db, string actor, string action, string? target, string? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                (long sequence, string previous) = _head ??= await ReadHeadAsync(db, cancellationToken).ConfigureAwait(false);
                if (_checkpointed < 0 && signer is not null)
                {
                    _checkpointed = await ReadCheckpointedAsync(db, cancellationToken).ConfigureAwait(false);
                }

                var entry = new AuditEntry(sequence + 1, AuditChain.Normalize(clock.GetUtcNow()), actor, action, target, detail);
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
                if (signer is not null && record.Sequence - _checkpointed >= checkpointEvery)
                {
                    checkpoint = ToRecord(signer.Sign(record.Sequence, record.Hash, record.At));
                    db.AuditCheckpoints.Add(checkpoint);
                }

                try
                {
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    _head = (record.Sequence, record.Hash);
                    _checkpointed = checkpoint?.Sequence ?? _checkpointed;
                    Appended++;
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
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Records an action that changes nothing else (a sign-in failure, a live view opened).</summary>
    public Task AppendAsync(VigilDbContext db, string actor, string action, string? target, string? detail, CancellationToken cancellationToken) =>
        SaveWithAsync(db, actor, action, target, detail, cancellationToken);

    /// <summary>Signs a checkpoint at the head of the chain unless one is already there (called at start, on a timer and at shutdown).</summary>
    public async Task CheckpointAsync(VigilDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (signer is null)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            (long sequence, string hash) = await ReadHeadAsync(db, cancellationToken).ConfigureAwait(false);
            long checkpointed = await ReadCheckpointedAsync(db, cancellationToken).ConfigureAwait(false);
            if (sequence == 0 || sequence <= checkpointed)
            {
                return;
            }

            AuditCheckpointRecord checkpoint = ToRecord(signer.Sign(sequence, hash, clock.GetUtcNow()));
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
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

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
