using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;

namespace Vigil.Data.Audit;

/// <summary>
/// Appends to the hash-chained audit log in the same transaction as the action it records: the
/// caller makes its changes on a context and calls <see cref="SaveWithAsync"/>, which adds the entry
/// and saves both, or neither. Appends are serialised, in this process by a lock and across
/// processes by the database (SQLite's write lock, taken by <c>BEGIN IMMEDIATE</c>; a PostgreSQL
/// transaction-scoped advisory lock), and the chain head is read inside that transaction, so
/// several hosts can share one database and the chain order is the commit order.
/// </summary>
public sealed class AuditLog(TimeProvider clock, AuditSigner? signer = null, int checkpointEvery = AuditLog.DefaultCheckpointEvery) : IDisposable
{
    /// <summary>A signed checkpoint at least every this many entries.</summary>
    public const int DefaultCheckpointEvery = 100;

    /// <summary>The PostgreSQL advisory lock key that serialises appends across hosts ("vigl").</summary>
    private const long AppendLockKey = 0x7669676C;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The public key checkpoints are signed with (PEM), when signing is on.</summary>
    public string? PublicKeyPem => signer?.PublicKeyPem;

    /// <summary>Entries appended by this process.</summary>
    public long Appended { get; private set; }

    /// <summary>Saves the context's pending changes together with one audit entry.</summary>
    public async Task SaveWithAsync(VigilDbContext db, string actor, string action, string? target, string? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = new List<object>(2);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IDbContextTransaction transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await LockAsync(db, cancellationToken).ConfigureAwait(false);
                (long sequence, string previous) = await ReadHeadAsync(db, cancellationToken).ConfigureAwait(false);
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
                entries.Add(record);
                if (signer is not null && record.Sequence - await ReadCheckpointedAsync(db, cancellationToken).ConfigureAwait(false) >= checkpointEvery)
                {
                    AuditCheckpointRecord checkpoint = ToRecord(signer.Sign(record.Sequence, record.Hash, record.At));
                    db.AuditCheckpoints.Add(checkpoint);
                    entries.Add(checkpoint);
                }

                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            Appended++;
        }
        catch
        {
            // Neither the action nor its entry happened: forget the entry so the context can be reused.
            foreach (object added in entries)
            {
                db.Entry(added).State = EntityState.Detached;
            }

            throw;
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
            IDbContextTransaction transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await LockAsync(db, cancellationToken).ConfigureAwait(false);
                (long sequence, string hash) = await ReadHeadAsync(db, cancellationToken).ConfigureAwait(false);
                if (sequence == 0 || sequence <= await ReadCheckpointedAsync(db, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                db.AuditCheckpoints.Add(ToRecord(signer.Sign(sequence, hash, clock.GetUtcNow())));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Other hosts wait here until this transaction ends (SQLite already holds its write lock).</summary>
    private static async Task LockAsync(VigilDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AppendLockKey})", cancellationToken).ConfigureAwait(false);
        }
    }

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
