using Vigil.Domain.Rules;
using Vigil.Domain.Sensors;

namespace Vigil.Domain.Dispatch;

/// <summary>The incident type an alert suggests when an operator escalates it (the operator can change it).</summary>
public static class IncidentTypes
{
    /// <summary>A camera alert by its rule's kind; a sensor alert by the sensor's kind (a river stage or a fast rise: a flood).</summary>
    public static IncidentType SuggestedFor(RuleKind kind, SensorKind? sensor = null) => (kind, sensor) switch
    {
        (RuleKind.SensorSilent, _) => IncidentType.Other,
        (RuleKind.SensorStage or RuleKind.SensorRise, SensorKind.RiverLevel or SensorKind.RiverFlow or SensorKind.RainRate) => IncidentType.Flood,
        (RuleKind.SensorStage or RuleKind.SensorRise, SensorKind.Smoke or SensorKind.Temperature) => IncidentType.Fire,
        (RuleKind.Density or RuleKind.Occupancy, _) => IncidentType.CrowdSafety,
        (RuleKind.ZoneEntry or RuleKind.LineCrossing or RuleKind.Dwell, _) => IncidentType.Intrusion,
        (RuleKind.StoppedVehicle or RuleKind.WrongWay, _) => IncidentType.TrafficCollision,
        _ => IncidentType.Other,
    };
}
