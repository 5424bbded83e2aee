using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;

namespace Vigil.Data.Audit;

/// <summary>
/// Recomputes the audit chain and names the first entry that is missing, out of place or changed.
/// With the installation's public key it also checks every signed checkpoint: its signature, that
/// the chain still has the signed hash at that entry, and that no entries the checkpoint covers
/// were cut from the end. An <c>anchor</c> (a checkpoint kept outside the database, e.g. from the
/// transparency page) must still match too. The same walk verifies an exported period offline.
/// </summary>
public static class AuditVerifier
{
    public static Task<AuditVerification> VerifyAsync(VigilDbContext db, CancellationToken cancellationToken) =>
        VerifyAsync(db, null, null, cancellationToken);

    public static async Task<AuditVerification> VerifyAsync(VigilDbContext db, ECDsa? publicKey, AuditCheckpoint? anchor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var checkpoints = (await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Sequence).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(c => c.ToCheckpoint()).ToList();
        if (anchor is not null)
        {
            checkpoints.Add(anchor);
        }

        IAsyncEnumerable<AuditEntryRecord> entries = db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable();
        return await VerifyAsync(entries, 1, AuditChain.Genesis, checkpoints, publicKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Walks entries that should run from <paramref name="firstSequence"/>, the first following
    /// <paramref name="firstPrevious"/>, checking them against the checkpoints.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(
        IAsyncEnumerable<AuditEntryRecord> entries,
        long firstSequence,
        string firstPrevious,
        IReadOnlyList<AuditCheckpoint> checkpoints,
        ECDsa? publicKey,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(checkpoints);
        if (publicKey is not null)
        {
            string keyId = AuditSigner.KeyIdOf(publicKey);
            foreach (AuditCheckpoint c in checkpoints)
            {
                if (!AuditSigner.IsValid(publicKey, c))
                {
                    return new AuditVerification(0, c.Sequence, $"the checkpoint at entry #{c.Sequence} does not carry a valid signature of key {keyId} (it names key {c.KeyId})");
                }
            }
        }

        ILookup<long, AuditCheckpoint> bySequence = checkpoints.ToLookup(c => c.Sequence);
        foreach (AuditCheckpoint c in bySequence[firstSequence - 1])
        {
            if (!string.Equals(c.Hash, firstPrevious, StringComparison.Ordinal))
            {
                return new AuditVerification(0, firstSequence, $"entry #{firstSequence} does not follow the checkpoint signed at {c.At:u} for entry #{c.Sequence}");
            }
        }

        string previous = firstPrevious;
        long expected = firstSequence;
        long checkedCount = 0;
        await foreach (AuditEntryRecord record in entries.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (record.Sequence != expected)
            {
                return new AuditVerification(checkedCount, expected, $"entry #{expected} is missing (the next entry is #{record.Sequence})");
            }

            if (!string.Equals(record.PreviousHash, previous, StringComparison.Ordinal))
            {
                return new AuditVerification(checkedCount, record.Sequence, $"entry #{record.Sequence} does not follow entry #{record.Sequence - 1} (entries removed or reordered)");
            }

            if (!string.Equals(AuditChain.Hash(previous, record.ToEntry()), record.Hash, StringComparison.Ordinal))
            {
                return new AuditVerification(checkedCount, record.Sequence, $"entry #{record.Sequence} was changed after it was written (its hash does not match its content)");
            }

            foreach (AuditCheckpoint c in bySequence[record.Sequence])
            {
                if (!string.Equals(c.Hash, record.Hash, StringComparison.Ordinal))
                {
                    return new AuditVerification(checkedCount, record.Sequence, $"the log up to entry #{record.Sequence} was rewritten: it no longer matches the checkpoint signed at {c.At:u}");
                }
            }

            previous = record.Hash;
            expected++;
            checkedCount++;
        }

        long last = expected - 1;
        if (checkpoints.Where(c => c.Sequence > last).MaxBy(c => c.Sequence) is { } beyond)
        {
            return new AuditVerification(checkedCount, last + 1, $"entries #{last + 1} to #{beyond.Sequence} were removed from the end: the checkpoint signed at {beyond.At:u} covers entry #{beyond.Sequence}");
        }

        return new AuditVerification(checkedCount, null, null, publicKey is null ? 0 : checkpoints.Count);
    }
}
