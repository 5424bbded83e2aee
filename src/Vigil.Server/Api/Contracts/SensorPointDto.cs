namespace Vigil.Server.Api.Contracts;

/// <summary>A reading, or a bucket of readings (mean, min, max, count); <c>Flagged</c> when any was outside the kind's physical range.</summary>
public sealed record SensorPointDto(DateTimeOffset At, double Value, double Min, double Max, int Count, bool Flagged);
