using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Server.Api.Contracts;

namespace Vigil.Server.Oversight;

/// <summary>What an auditor reads: the audit log, filtered and paged, and a verification of its chain and signed checkpoints.</summary>
internal sealed class AuditReader(IDbContextFactory<VigilDbContext> contexts, AuditSigner signer)
{
    public const int MaxPageSize = 500;

    /// <summary>Entries newest first, before the given sequence number; filters match exactly (actor, action) or by prefix (target).</summary>
    public async Task<AuditEntryPage> ListAsync(string? actor, string? action, string? target, long? before, int take, CancellationToken cancellationToken)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            IQueryable<AuditEntryRecord> query = db.AuditEntries.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(actor))
            {
                query = query.Where(e => e.Actor == actor.Trim());
            }

            if (!string.IsNullOrWhiteSpace(action))
            {
                query = query.Where(e => e.Action == action.Trim());
            }

            if (!string.IsNullOrWhiteSpace(target))
            {
                string prefix = target.Trim();
                query = query.Where(e => e.Target != null && e.Target.StartsWith(prefix));
            }

            if (before is { } b)
            {
                query = query.Where(e => e.Sequence < b);
            }

            List<AuditEntryRecord> rows = await query.OrderByDescending(e => e.Sequence).Take(take + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
            long? next = rows.Count > take ? rows[take - 1].Sequence : null;
            return new AuditEntryPage(rows.Take(take).Select(e => new AuditEntryDto(e.Sequence, e.At, e.Actor, e.Action, e.Target, e.Detail, e.Hash)).ToArray(), next);
        }
    }

    /// <summary>Recomputes the whole chain and checks every checkpoint against this installation's public key.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            using System.Security.Cryptography.ECDsa key = AuditSigner.PublicKeyFromPem(signer.PublicKeyPem);
            return await AuditVerifier.VerifyAsync(db, key, null, cancellationToken).ConfigureAwait(false);
        }
    }
}
