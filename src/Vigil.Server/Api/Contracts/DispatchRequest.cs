namespace Vigil.Server.Api.Contracts;

/// <summary>Assign a unit to the incident; <c>Version</c> is the unit version the dispatcher saw.</summary>
public sealed record DispatchRequest(string? UnitId, int? Version);
