namespace Vigil.Server.Api.Contracts;

/// <summary>A new incident status (<c>resolved</c>, <c>closed</c>, <c>cancelled</c>; dispatch and arrival move it too), with the version the caller saw.</summary>
public sealed record IncidentStatusRequest(string? Status, int? Version);
