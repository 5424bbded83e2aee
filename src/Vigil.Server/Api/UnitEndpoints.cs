using System.Security.Claims;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;
using Vigil.Server.Dispatch;

namespace Vigil.Server.Api;

/// <summary><c>/api/units</c>: the response units, where they are and what they are doing; dispatchers move them through their statuses.</summary>
internal static class UnitEndpoints
{
    public static void MapUnitEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder units = app.MapGroup("/api/units").WithTags("Units");
        units.MapGet("/", async (IncidentQueries queries, CancellationToken ct) => TypedResults.Ok((await queries.UnitsAsync(ct).ConfigureAwait(false)).Select(UnitDto.From).ToArray()))
            .WithName("ListUnits").WithSummary("Every configured response unit, its station, position, status and incident.")
            .RequireAuthorization(Policies.ViewOperations);
        units.MapPost("/{id}/status", async (string id, UnitStatusRequest request, ClaimsPrincipal user, DispatchService dispatch, CancellationToken ct) =>
                (await dispatch.SetUnitStatusAsync(id, request, user.Identity!.Name!, ct).ConfigureAwait(false)).Map(UnitDto.From).ToResult())
            .WithName("SetUnitStatus").WithSummary("Moves a unit through its statuses (en_route, on_scene, transporting, available, out_of_service); refusals name the rule.")
            .Produces<UnitDto>()
            .RequireAuthorization(Policies.Dispatch);
    }
}
