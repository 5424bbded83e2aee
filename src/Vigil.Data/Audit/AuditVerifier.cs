using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;

namespace Vigil.Data.Audit;

/// <summary>
/// Recomputes the audit chain from the first entry and names the first entry that is missing, out
/// of place or changed. With the installation's public key it also checks every signed checkpoint:
/// its signature, that the chain still has the signed hash at that entry, and that no entries the
/// checkpoint covers were cut from the end. An <c>anchor</c> (a checkpoint kept outside the
/// database, e.g. from the transparency page) must still match too.
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

            foreach (AuditCheckpoint c in bySequence[record.Sequence])
            {
                if (!string.Equals(c.Hash, record.Hash, StringComparison.Ordinal))
                {
                    return new AuditVerification(expected - 1, record.Sequence, $"the log up to entry #{record.Sequence} was rewritten: it no longer matches the checkpoint signed at {c.At:u}");
                }
            }

            previous = record.Hash;
            expected++;
        }

        long last = expected - 1;
        if (checkpoints.Where(c => c.Sequence > last).MaxBy(c => c.Sequence) is { } beyond)
        {
            return new AuditVerification(last, last + 1, $"entries #{last + 1} to #{beyond.Sequence} were removed from the end: the checkpoint signed at {beyond.At:u} covers entry #{beyond.Sequence}");
        }

        return new AuditVerification(last, null, null, publicKey is null ? 0 : checkpoints.Count);
    }
}
