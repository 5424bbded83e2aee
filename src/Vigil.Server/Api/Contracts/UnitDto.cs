namespace Vigil.Server.Api.Contracts;

/// <summary>A response unit: what it is, its station and position, and its status.</summary>
public sealed record UnitDto(string Id, string Name, string Type, string Station, double Latitude, double Longitude, string Status);
