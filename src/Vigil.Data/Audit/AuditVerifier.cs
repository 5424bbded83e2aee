using Microsoft.EntityFrameworkCore;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;

namespace Vigil.Data.Audit;

/// <summary>
/// Recomputes the audit chain from the first entry and names the first entry that is missing,
/// out of place or changed. (Removing entries from the end leaves an intact shorter chain; signed
/// checkpoints are what will catch that.)
/// </summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(VigilDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        string previous = AuditChain.Genesis;
        long expected = 1;
        await foreach (AuditEntryRecord record in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (record.Sequence != expected)
            {
                return new AuditVerification(expected - 1, expected, $"entry #{expected} is missing (the next entry is #{record.Sequence})");
            }

            if (!string.Equals(record.PreviousHash, previous, StringComparison.Ordinal))
            {
                return new AuditVerification(expected - 1, record.Sequence, $"entry #{record.Sequence} does not follow entry #{record.Sequence - 1} (entries removed or reordered)");
            }

            if (!string.Equals(AuditChain.Hash(previous, record.ToEntry()), record.Hash, StringComparison.Ordinal))
            {
                return new AuditVerification(expected - 1, record.Sequence, $"entry #{record.Sequence} was changed after it was written (its hash does not match its content)");
            }

            previous = record.Hash;
            expected++;
        }

        return new AuditVerification(expected - 1, null, null);
    }
}
