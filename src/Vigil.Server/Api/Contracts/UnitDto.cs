using Vigil.Domain.Dispatch;

namespace Vigil.Server.Api.Contracts;

/// <summary>A response unit: what it is, its station, where it is now, its status and the incident it serves.</summary>
public sealed record UnitDto(string Id, string Name, string Type, string Station, double Latitude, double Longitude, string Status, string? IncidentId, int Version)
{
    public static UnitDto From(UnitState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(state.Unit.Id, state.Unit.Name, UnitTypeNames.NameOf(state.Unit.Type), state.Unit.Station, state.Position.Latitude, state.Position.Longitude, UnitLifecycle.Name(state.Status), state.IncidentId, state.Version);
    }
}
