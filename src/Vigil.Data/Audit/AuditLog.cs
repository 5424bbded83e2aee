using Microsoft.EntityFrameworkCore;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;

namespace Vigil.Data.Audit;

/// <summary>
/// Appends to the hash-chained audit log in the same transaction as the action it records: the
/// caller makes its changes on a context and calls <see cref="SaveWithAsync"/>, which adds the entry
/// and saves both, or neither. Appends are serialised (one chain, one order); the chain head is kept
/// in memory after the first read. One writing process per database: several hosts on one
/// PostgreSQL would need a database lock around the append.
/// </summary>
public sealed class AuditLog(TimeProvider clock, AuditSigner? signer = null, int checkpointEvery = AuditLog.DefaultCheckpointEvery) : IDisposable
{
    /// <summary>A signed checkpoint at least every this many entries.</summary>
    public const int DefaultCheckpointEvery = 100;

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
            (long sequence, string previous) = _head ??= await ReadHeadAsync(db, cancellationToken).ConfigureAwait(false);
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
            if (signer is not null)
            {
                if (_checkpointed < 0)
                {
                    _checkpointed = await ReadCheckpointedAsync(db, cancellationToken).ConfigureAwait(false);
                }

                if (record.Sequence - _checkpointed >= checkpointEvery)
                {
                    checkpoint = ToRecord(signer.Sign(record.Sequence, record.Hash, record.At));
                    db.AuditCheckpoints.Add(checkpoint);
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Neither the action nor its entry happened; read the head again next time.
                db.Entry(record).State = EntityState.Detached;
                if (checkpoint is not null)
                {
                    db.Entry(checkpoint).State = EntityState.Detached;
                }

                _head = null;
                _checkpointed = -1;
                throw;
            }

            _head = (record.Sequence, record.Hash);
            if (checkpoint is not null)
            {
                _checkpointed = checkpoint.Sequence;
            }

            Appended++;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Records an action that changes nothing else (a sign-in failure, a live view opened).</summary>
    public Task AppendAsync(VigilDbContext db, string actor, string action, string? target, string? detail, CancellationToken cancellationToken) =>
        SaveWithAsync(db, actor, action, target, detail, cancellationToken);

    /// <summary>Signs a checkpoint at the head of the chain unless one is already there (called on a timer and at shutdown).</summary>
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
            (long sequence, string hash) = _head ??= await ReadHeadAsync(db, cancellationToken).ConfigureAwait(false);
            if (_checkpointed < 0)
            {
                _checkpointed = await ReadCheckpointedAsync(db, cancellationToken).ConfigureAwait(false);
            }

            if (sequence == 0 || sequence <= _checkpointed)
            {
                return;
            }

            db.AuditCheckpoints.Add(ToRecord(signer.Sign(sequence, hash, clock.GetUtcNow())));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            _checkpointed = sequence;
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

    private static async Task<(long, string)> ReadHeadAsync(VigilDbContext db, CancellationToken cancellationToken)
    {
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return head is null ? (0, AuditChain.Genesis) : (head.Sequence, head.Hash);
    }
}
