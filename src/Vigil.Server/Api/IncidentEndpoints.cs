using System.Security.Claims;
using Vigil.Domain.Dispatch;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;
using Vigil.Server.Dispatch;

namespace Vigil.Server.Api;

/// <summary><c>/api/incidents</c>: open incidents from calls or alerts, keep the narrative, dispatch units, resolve and close.</summary>
internal static class IncidentEndpoints
{
    public static void MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder incidents = app.MapGroup("/api/incidents").WithTags("Incidents");
        incidents.MapGet("/", async (bool? open, DispatchService dispatch, CancellationToken ct) => TypedResults.Ok(await dispatch.ListAsync(open ?? true, ct).ConfigureAwait(false)))
            .WithName("ListIncidents").WithSummary("Incidents, newest first (open ones unless open=false).")
            .RequireAuthorization(Policies.ViewOperations);
        app.MapGet("/api/response-times", async (DateTimeOffset? from, DateTimeOffset? to, DispatchService dispatch, TimeProvider clock, CancellationToken ct) =>
            {
                DateTimeOffset end = to ?? clock.GetUtcNow();
                DateTimeOffset start = from ?? end.AddDays(-30);
                return start < end
                    ? Results.Ok(await dispatch.ResponseTimesAsync(start, end, ct).ConfigureAwait(false))
                    : Problems.Invalid("from", "must be before 'to'");
            })
            .WithTags("Incidents").WithName("GetResponseTimes")
            .WithSummary("Response times by incident type and priority over a period (default: the last 30 days): percentiles and the share meeting the targets (NFPA 1710 by default).")
            .Produces<ResponseTimeSummary[]>()
            .RequireAuthorization(Policies.ViewResponseTimes);
        incidents.MapPost("/", async (CreateIncidentRequest request, ClaimsPrincipal user, DispatchService dispatch, CancellationToken ct) =>
            {
                Outcome<IncidentDto> outcome = await dispatch.CreateAsync(request, user.Identity!.Name!, ct).ConfigureAwait(false);
                return outcome.ToResult(outcome.Value is { } created ? $"/api/incidents/{created.Id}" : null);
            })
            .WithName("CreateIncident").WithSummary("Opens an incident from a caller's report or from alerts (which are escalated, linked and held as evidence).")
            .Produces<IncidentDto>(StatusCodes.Status201Created)
            .RequireAuthorization(Policies.HandleIncidents);
        incidents.MapGet("/{id}", async (string id, DispatchService dispatch, CancellationToken ct) =>
                await dispatch.GetAsync(id, ct).ConfigureAwait(false) is { } incident
                    ? Results.Ok(incident)
                    : Problems.NotFound(Ids.IsRecordId(id) ? $"No incident '{id}'." : "No incident with that id (incident ids are 32 hex digits)."))
            .WithName("GetIncident").WithSummary("One incident with its alerts, units, timeline and response times.")
            .Produces<IncidentDto>()
            .RequireAuthorization(Policies.ViewOperations);
        incidents.MapPost("/{id}/notes", async (string id, IncidentNoteRequest request, ClaimsPrincipal user, DispatchService dispatch, CancellationToken ct) =>
                (await dispatch.NoteAsync(id, request.Text, user.Identity!.Name!, ct).ConfigureAwait(false)).ToResult())
            .WithName("AddIncidentNote").WithSummary("Adds a line to the incident's narrative (lines are never changed or removed).")
            .Produces<IncidentDto>()
            .RequireAuthorization(Policies.HandleIncidents);
        incidents.MapPost("/{id}/status", async (string id, IncidentStatusRequest request, ClaimsPrincipal user, DispatchService dispatch, CancellationToken ct) =>
                (await dispatch.SetStatusAsync(id, request.Status, request.Version, user.Identity!.Name!, ct).ConfigureAwait(false)).ToResult())
            .WithName("SetIncidentStatus").WithSummary("Resolves, closes or cancels an incident; refusals name the rule (e.g. units still assigned).")
            .Produces<IncidentDto>()
            .RequireAuthorization(Policies.Dispatch);
        incidents.MapGet("/{id}/recommendations", async (string id, DispatchService dispatch, CancellationToken ct) =>
                (await dispatch.RecommendAsync(id, ct).ConfigureAwait(false)).ToResult())
            .WithName("RecommendUnits").WithSummary("Available units of suitable types, nearest (by estimated travel time) first, with the reason.")
            .Produces<RecommendationDto[]>()
            .RequireAuthorization(Policies.ViewOperations);
        incidents.MapPost("/{id}/dispatch", async (string id, DispatchRequest request, ClaimsPrincipal user, DispatchService dispatch, CancellationToken ct) =>
                (await dispatch.DispatchAsync(id, request.UnitId, request.Version, user.Identity!.Name!, ct).ConfigureAwait(false)).ToResult())
            .WithName("DispatchUnit").WithSummary("Assigns an available unit to the incident; of two dispatchers taking the same unit at once, exactly one succeeds (409 for the other).")
            .Produces<IncidentDto>()
            .RequireAuthorization(Policies.Dispatch);
        incidents.MapPost("/{id}/eido", async (string id, ClaimsPrincipal user, IncidentExchange exchange, CancellationToken ct) =>
            {
                Outcome<System.Text.Json.Nodes.JsonObject> outcome = await exchange.ExportEidoAsync(id, user.Identity!.Name!, ct).ConfigureAwait(false);
                return outcome.Value is { } document ? Results.Text(document.ToJsonString(), "application/json; charset=utf-8") : outcome.ToResult();
            })
            .WithName("ExportIncidentEido")
            .WithSummary("Exports this one incident as a NENA EIDO JSON document for a neighbouring agency (audited; no caller data, notes attributed to the agency).")
            .Produces<string>(StatusCodes.Status200OK, "application/json")
            .RequireAuthorization(Policies.ExportIncidents);
    }
}
