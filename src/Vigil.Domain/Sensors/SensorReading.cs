namespace Vigil.Domain.Sensors;

/// <summary>One reading of a sensor, in its configured unit: when it was measured (OGC SensorThings' <c>phenomenonTime</c>) and the value (<c>result</c>).</summary>
public readonly record struct SensorReading(DateTimeOffset At, double Value);
