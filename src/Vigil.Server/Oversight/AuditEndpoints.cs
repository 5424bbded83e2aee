using Vigil.Data.Audit;
using Vigil.Server.Api;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;

namespace Vigil.Server.Oversight;

/// <summary><c>/api/audit</c>: the audit log for auditors, and the verification of its chain.</summary>
internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder audit = app.MapGroup("/api/audit").WithTags("Audit");
        audit.MapGet("/", async (string? actor, string? action, string? target, long? before, int? limit, AuditReader reader, CancellationToken ct) =>
            {
                int take = limit ?? 100;
                if (take is < 1 or > AuditReader.MaxPageSize)
                {
                    return Problems.Invalid("limit", $"must be between 1 and {AuditReader.MaxPageSize}");
                }

                if (before is < 1)
                {
                    return Problems.Invalid("before", "must be a sequence number (the 'next' of the previous page)");
                }

                return Results.Ok(await reader.ListAsync(actor, action, target, before, take, ct).ConfigureAwait(false));
            })
            .WithName("ListAuditEntries").WithSummary("Audit entries, newest first, filtered by actor, action and target prefix; page with 'before'.")
            .Produces<AuditEntryPage>()
            .RequireAuthorization(Policies.ReadAudit);
        audit.MapGet("/verification", async (AuditReader reader, CancellationToken ct) => Results.Ok(await reader.VerifyAsync(ct).ConfigureAwait(false)))
            .WithName("VerifyAuditLog").WithSummary("Recomputes the hash chain and checks every signed checkpoint; names the first broken entry, if any (as 'vigil audit verify' does).")
            .Produces<AuditVerification>()
            .RequireAuthorization(Policies.ReadAudit);
    }
}
