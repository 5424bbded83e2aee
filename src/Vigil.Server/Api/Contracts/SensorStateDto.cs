using Vigil.Domain.Rules;

namespace Vigil.Server.Api.Contracts;

/// <summary>A live-push message: where a sensor's readings stand after its stage changed, it fell silent or it resumed.</summary>
public sealed record SensorStateDto(string SensorId, string? Stage, Severity? Severity, bool Silent, DateTimeOffset? LastAt, double? LastValue, DateTimeOffset At);
