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
public sealed class AuditLog(TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Sequence, string Hash)? _head;

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
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Neither the action nor its entry happened; read the head again next time.
                db.Entry(record).State = EntityState.Detached;
                _head = null;
                throw;
            }

            _head = (record.Sequence, record.Hash);
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

    public void Dispose() => _gate.Dispose();

    private static async Task<(long, string)> ReadHeadAsync(VigilDbContext db, CancellationToken cancellationToken)
    {
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return head is null ? (0, AuditChain.Genesis) : (head.Sequence, head.Hash);
    }
}
