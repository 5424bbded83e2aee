namespace Vigil.Server.Api.Contracts;

/// <summary>A new incident, from a caller's report or from alerts (which are escalated and linked). Location defaults to the first alert's camera.</summary>
public sealed record CreateIncidentRequest(string? Type, int? Priority, string? Summary, string? Location, double? Latitude, double? Longitude, IReadOnlyList<string>? AlertIds, string? CallerCallback);
