using System.Security.Claims;
using Vigil.Domain.Evidence;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;
using Vigil.Server.Evidence;

namespace Vigil.Server.Api;

/// <summary>
/// Evidence export under dual control (ADR 017): a supervisor asks for an incident's package with a
/// reason, an auditor decides, and only then is the signed package made for its requester to download.
/// </summary>
internal static class EvidenceEndpoints
{
    public static void MapEvidenceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/incidents/{id}/evidence", async (string id, EvidenceExportRequest request, ClaimsPrincipal user, EvidenceService evidence, CancellationToken ct) =>
            {
                Outcome<EvidenceRequestDto> outcome = await evidence.RequestAsync(id, request.Reason, user, ct).ConfigureAwait(false);
                return outcome.ToResult(outcome.Value is { } created ? $"/api/evidence/{created.Id}" : null);
            })
            .WithTags("Evidence").WithName("RequestEvidenceExport")
            .WithSummary("Asks for this incident's evidence package (its alerts' clips and snapshots, signed): an auditor approves or refuses before anything is made (dual control; audited).")
            .Produces<EvidenceRequestDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.ExportEvidence);
        app.MapGet("/api/evidence", async (string? incident, string? state, EvidenceService evidence, CancellationToken ct) =>
                ApprovalStates.TryParse(state, out ApprovalState? filter) ?? Results.Ok(await evidence.ListAsync(incident, filter, ct).ConfigureAwait(false)))
            .WithTags("Evidence").WithName("ListEvidenceRequests")
            .WithSummary("Evidence requests, newest first (of one incident, or in one state: the auditors' queue is state=pending). No pixels.")
            .Produces<EvidenceRequestDto[]>().ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthorization(Policies.ViewEvidenceRequests);
        app.MapPost("/api/evidence/{id}/decision", async (string id, EvidenceDecisionRequest request, ClaimsPrincipal user, EvidenceService evidence, CancellationToken ct) =>
                (await evidence.DecideAsync(id, request.Approve, request.Note, user, ct).ConfigureAwait(false)).ToResult())
            .WithTags("Evidence").WithName("DecideEvidenceRequest")
            .WithSummary("An auditor approves (the signed package is made) or refuses (with a note) an evidence request; never their own, and never an admin. Audited; a decision is final.")
            .Produces<EvidenceRequestDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.DecideRequests);
        app.MapGet("/api/evidence/{id}/package", async (string id, ClaimsPrincipal user, HttpContext http, EvidenceService evidence, CancellationToken ct) =>
            {
                Outcome<EvidenceDownload> outcome = await evidence.OpenPackageAsync(id, user, ct).ConfigureAwait(false);
                if (outcome.Value is not { } download)
                {
                    return outcome.ToResult();
                }

                http.Response.Headers.CacheControl = "private, no-store";
                return Results.File(download.Path, "application/zip", download.FileName);
            })
            .WithTags("Evidence").WithName("DownloadEvidencePackage")
            .WithSummary("The approved, signed evidence package (ZIP) for the supervisor who requested it, during its download period; each download is an audited export. Verify it with 'vigil evidence verify'.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.ExportEvidence);
    }
}
