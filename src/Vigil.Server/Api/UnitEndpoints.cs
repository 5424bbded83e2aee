using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Configuration;
using Vigil.Domain.Dispatch;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;

namespace Vigil.Server.Api;

/// <summary>
/// <c>/api/units</c>: the configured response units. Until dispatch lands (issue 7) every unit is
/// shown at its station and available.
/// </summary>
internal static class UnitEndpoints
{
    public static void MapUnitEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/units", Ok<UnitDto[]> (VigilConfig config) => TypedResults.Ok(config.Units.Select(u => new UnitDto(
                u.Id,
                u.Name,
                UnitTypeNames.NameOf(u.Type),
                u.Station,
                u.Home.Latitude,
                u.Home.Longitude,
                UnitLifecycle.Name(UnitStatus.Available))).ToArray()))
            .WithTags("Units").WithName("ListUnits").WithSummary("Every configured response unit, its station, position and status.")
            .RequireAuthorization(Policies.ViewOperations);
    }
}
