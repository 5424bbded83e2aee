using Vigil.Domain.Rules;

namespace Vigil.Server.Mqtt;

/// <summary>A sensor's state as retained on <c>PREFIX/sensors/ID/state</c>: its stage in force (null below every stage), silence, last reading.</summary>
internal sealed record MqttSensorState(
    string SensorId,
    string Name,
    string Kind,
    string Unit,
    string? Stage,
    Severity? Severity,
    bool Silent,
    DateTimeOffset? LastAt,
    double? LastValue,
    DateTimeOffset At);
