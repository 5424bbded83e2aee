using Vigil.Domain.Rules;

namespace Vigil.Domain.Sensors;

/// <summary>
/// A level a reading can reach, in the sensor's unit: for rivers the US National Weather Service's
/// action, minor, moderate and major flood stages; for other kinds plain named thresholds. Reaching
/// it raises an alert of its severity.
/// </summary>
public sealed record SensorStage(string Name, double Threshold, Severity Severity)
{
    /// <summary>The river stages, lowest first.</summary>
    public static IReadOnlyList<string> RiverStages { get; } = ["action", "minor", "moderate", "major"];
}
