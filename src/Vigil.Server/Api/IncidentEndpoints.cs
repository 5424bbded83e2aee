using System.Security.Claims;
using System.Text.Json.Nodes;
using Vigil.Domain.Dispatch;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;
using Vigil.Server.Dispatch;
using Vigil.Server.Exchange;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary>
/// <c>/api/incidents</c>: open incidents from calls or alerts, keep the narrative, dispatch units,
/// resolve and close; hand one to a neighbouring agency and take one in (NENA EIDO). The services
/// answer in domain terms; the DTOs are made here.
/// </summary>
internal static class IncidentEndpoints
{
    public static void MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder incidents = app.MapGroup("/api/incidents").WithTags("Incidents");
        incidents.MapGet("/", async (bool? open, IncidentQueries queries, CancellationToken ct) =>
                TypedResults.Ok((await queries.ListAsync(open ?? true, ct).ConfigureAwait(false)).Select(i => IncidentDto.From(i, queries.Targets)).ToArray()))
            .WithName("ListIncidents").WithSummary($"Incidents, newest first (open ones unless open=false), at most {IncidentQueries.ListLimit}.")
            .RequireAuthorization(Policies.ViewOperations);
        app.MapGet("/api/response-times", async (DateTimeOffset? from, DateTimeOffset? to, IncidentQueries queries, TimeProvider clock, CancellationToken ct) =>
            {
                DateTimeOffset end = to ?? clock.GetUtcNow();
                DateTimeOffset start = from ?? end.AddDays(-30);
                return start < end
                    ? Results.Ok(await queries.ResponseTimesAsync(start, end, ct).ConfigureAwait(false))
                    : Problems.Invalid("from", "must be before 'to'");
            })
            .WithTags("Incidents").WithName("GetResponseTimes")
            .WithSummary("Response times by incident type and priority over a period (default: the last 30 days): percentiles and the share meeting the targets (NFPA 1710 by default).")
            .Produces<ResponseTimeSummary[]>()
            .RequireAuthorization(Policies.ViewResponseTimes);
        incidents.MapPost("/", async (CreateIncidentRequest request, ClaimsPrincipal user, DispatchService dispatch, IncidentQueries queries, CancellationToken ct) =>
            {
                Outcome<IncidentDto> outcome = (await dispatch.CreateAsync(request, user.Identity!.Name!, ct).ConfigureAwait(false)).Map(i => IncidentDto.From(i, queries.Targets));
                return outcome.ToResult(outcome.Value is { } created ? $"/api/incidents/{created.Id}" : null);
            })
            .WithName("CreateIncident").WithSummary("Opens an incident from a caller's report or from alerts (which are escalated, linked and held as evidence).")
            .Produces<IncidentDto>(StatusCodes.Status201Created)
            .RequireAuthorization(Policies.HandleIncidents);
        incidents.MapGet("/{id}", async (string id, IncidentQueries queries, CancellationToken ct) =>
                await queries.GetAsync(id, ct).ConfigureAwait(false) is { } incident
                    ? Results.Ok(IncidentDto.From(incident, queries.Targets))
                    : Problems.NotFound(Ids.IsRecordId(id) ? $"No incident '{id}'." : "No incident with that id (incident ids are 32 hex digits)."))
            .WithName("GetIncident").WithSummary("One incident with its alerts, units, timeline and response times.")
            .Produces<IncidentDto>()
            .RequireAuthorization(Policies.ViewOperations);
        incidents.MapPost("/{id}/notes", async (string id, IncidentNoteRequest request, ClaimsPrincipal user, DispatchService dispatch, IncidentQueries queries, CancellationToken ct) =>
                (await dispatch.NoteAsync(id, request.Text, user.Identity!.Name!, ct).ConfigureAwait(false)).Map(i => IncidentDto.From(i, queries.Targets)).ToResult())
            .WithName("AddIncidentNote").WithSummary("Adds a line to the incident's narrative (lines are never changed or removed).")
            .Produces<IncidentDto>()
            .RequireAuthorization(Policies.HandleIncidents);
        incidents.MapPost("/{id}/status", async (string id, IncidentStatusRequest request, ClaimsPrincipal user, DispatchService dispatch, IncidentQueries queries, CancellationToken ct) =>
                (await dispatch.SetStatusAsync(id, request.Status, request.Version, user.Identity!.Name!, ct).ConfigureAwait(false)).Map(i => IncidentDto.From(i, queries.Targets)).ToResult())
            .WithName("SetIncidentStatus").WithSummary("Resolves, closes or cancels an incident; refusals name the rule (e.g. units still assigned).")
            .Produces<IncidentDto>()
            .RequireAuthorization(Policies.Dispatch);
        incidents.MapGet("/{id}/recommendations", async (string id, DispatchService dispatch, CancellationToken ct) =>
                (await dispatch.RecommendAsync(id, ct).ConfigureAwait(false)).Map(ranked => ranked.Select(RecommendationDto.From).ToArray()).ToResult())
            .WithName("RecommendUnits").WithSummary("Available units of suitable types, nearest (by estimated travel time) first, with the reason.")
            .Produces<RecommendationDto[]>()
            .RequireAuthorization(Policies.ViewOperations);
        incidents.MapPost("/{id}/dispatch", async (string id, DispatchRequest request, ClaimsPrincipal user, DispatchService dispatch, IncidentQueries queries, CancellationToken ct) =>
                (await dispatch.DispatchAsync(id, request.UnitId, request.Version, user.Identity!.Name!, ct).ConfigureAwait(false)).Map(i => IncidentDto.From(i, queries.Targets)).ToResult())
            .WithName("DispatchUnit").WithSummary("Assigns an available unit to the incident; of two dispatchers taking the same unit at once, exactly one succeeds (409 for the other).")
            .Produces<IncidentDto>()
            .RequireAuthorization(Policies.Dispatch);
        incidents.MapPost("/{id}/eido", async (string id, ClaimsPrincipal user, EidoExchange exchange, CancellationToken ct) =>
            {
                Outcome<JsonObject> outcome = await exchange.ExportAsync(id, user.Identity!.Name!, ct).ConfigureAwait(false);
                return outcome.Value is { } document ? Results.Text(document.ToJsonString(), "application/json; charset=utf-8") : outcome.ToResult();
            })
            .WithName("ExportIncidentEido")
            .WithSummary("Exports this one incident as a NENA EIDO JSON document (NENA-STA-021.1b) for a neighbouring agency (audited; no caller or staff data).")
            .Produces<string>(StatusCodes.Status200OK, "application/json")
            .RequireAuthorization(Policies.ExportIncidents);
        incidents.MapPost("/import", async (HttpRequest http, ClaimsPrincipal user, EidoExchange exchange, IncidentQueries queries, CancellationToken ct) =>
            {
                Outcome<IncidentDto> outcome = (await exchange.ImportAsync(http.Body, user.Identity!.Name!, ct).ConfigureAwait(false)).Map(i => IncidentDto.From(i, queries.Targets));
                return outcome.ToResult(outcome.Value is { } imported ? $"/api/incidents/{imported.Id}" : null);
            })
            .WithName("ImportIncidentEido")
            .WithSummary($"Takes in an incident a neighbouring agency hands over as a NENA EIDO JSON document (at most {EidoExchange.MaxDocumentBytes / 1024} KiB): 201 opens it, 200 updates the one the same agency sent before (or leaves it when the document is not newer); schema errors are listed by path and nothing is stored. Caller data in the document is not kept.")
            .Accepts<JsonObject>("application/json")
            .Produces<IncidentDto>(StatusCodes.Status201Created)
            .Produces<IncidentDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(new RequestBodyLimit(EidoExchange.MaxDocumentBytes))
            .RequireAuthorization(Policies.ImportIncidents);
    }
}
