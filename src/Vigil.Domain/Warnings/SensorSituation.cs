using Vigil.Domain.Sensors;

namespace Vigil.Domain.Warnings;

/// <summary>Where the sensor behind an incident stands: its name and kind, the stage in force (null below every stage) and its last reading.</summary>
public sealed record SensorSituation(string SensorName, SensorKind Kind, string? Stage, double? Value, string Unit);
