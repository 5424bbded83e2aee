using Vigil.Domain.Sensors;

namespace Vigil.Server.Sensors;

/// <summary>A reading that passed <see cref="ReadingCheck"/>, on its way to storage and its sensor's monitor.</summary>
internal sealed record IngestedReading(SensorRuntime Sensor, SensorReading Reading, DateTimeOffset ArrivedAt);
