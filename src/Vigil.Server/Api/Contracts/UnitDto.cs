namespace Vigil.Server.Api.Contracts;

/// <summary>A response unit: what it is, its station, where it is now, its status and the incident it serves.</summary>
public sealed record UnitDto(string Id, string Name, string Type, string Station, double Latitude, double Longitude, string Status, string? IncidentId, int Version);
