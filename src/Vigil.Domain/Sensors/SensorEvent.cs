using Vigil.Domain.Rules;

namespace Vigil.Domain.Sensors;

/// <summary>One thing a sensor's readings came to, with the stage in force afterwards (null: below every stage).</summary>
public sealed record SensorEvent(string SensorId, SensorEventKind Kind, DateTimeOffset At, double? Value, SensorStage? Stage, Severity Severity);
