using Vigil.Domain.Dispatch;

namespace Vigil.Server.Api.Contracts;

/// <summary>
/// An incident with its linked alerts, assigned units, timeline and response times. Latitude and
/// longitude are null when another agency handed it over with an address only; the source agency
/// is null for the centre's own incidents.
/// </summary>
public sealed record IncidentDto(
    string Id,
    string Type,
    int Priority,
    string Status,
    double? Latitude,
    double? Longitude,
    string Location,
    string Summary,
    bool HasCallerCallback,
    string CreatedBy,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? EnRouteAt,
    DateTimeOffset? OnSceneAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<string> AlertIds,
    IReadOnlyList<string> UnitIds,
    IReadOnlyList<IncidentEventDto> Timeline,
    ResponseTimesDto ResponseTimes,
    string? SourceAgency,
    int Version)
{
    public static IncidentDto From(Incident incident, ResponseTargets targets)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ResponseTimes times = incident.Times;
        return new IncidentDto(
            incident.Id,
            IncidentTypeNames.NameOf(incident.Type),
            incident.Priority,
            IncidentLifecycle.Name(incident.Status),
            incident.Position?.Latitude,
            incident.Position?.Longitude,
            incident.Location,
            incident.Summary,
            incident.HasCallerCallback,
            incident.CreatedBy,
            incident.ReceivedAt,
            incident.DispatchedAt,
            incident.EnRouteAt,
            incident.OnSceneAt,
            incident.ResolvedAt,
            incident.ClosedAt,
            incident.AlertIds,
            incident.UnitIds,
            incident.Timeline.Select(e => new IncidentEventDto(e.At, e.Actor, e.Kind, e.Text)).ToArray(),
            new ResponseTimesDto(times.CallToDispatch?.TotalSeconds, times.Turnout?.TotalSeconds, times.Travel?.TotalSeconds, times.Total?.TotalSeconds, incident.MissedTargets(targets)),
            incident.Source?.AgencyName,
            incident.Version);
    }
}
