namespace Vigil.Server.Api.Contracts;

/// <summary><c>/health</c>: <c>ok</c>, <c>degraded</c> (a camera is not live) or <c>unhealthy</c> (the database is unreachable).</summary>
public sealed record HealthReport(string Status, DatabaseHealth Database, IReadOnlyList<CameraHealthDto> Cameras);
