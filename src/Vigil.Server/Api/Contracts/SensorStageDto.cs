using Vigil.Domain.Rules;

namespace Vigil.Server.Api.Contracts;

/// <summary>A stage of a sensor: its name, threshold (sensor's unit) and the severity it raises.</summary>
public sealed record SensorStageDto(string Name, double Threshold, Severity Severity);
