namespace Vigil.Server.Api.Contracts;

/// <summary>An incident with its linked alerts, assigned units, timeline and response times.</summary>
public sealed record IncidentDto(
    string Id,
    string Type,
    int Priority,
    string Status,
    double Latitude,
    double Longitude,
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
    int Version);
