namespace Vigil.Server.Api.Contracts;

/// <summary>A unit's new status (<c>en_route</c>, <c>on_scene</c>, <c>transporting</c>, <c>available</c>, <c>out_of_service</c>), optionally its position.</summary>
public sealed record UnitStatusRequest(string? Status, int? Version, double? Latitude, double? Longitude);
