namespace Vigil.Domain.Rules;

/// <summary>What a rule watches for: a camera rule of <c>vigil.yaml</c>, or (the last three) what a sensor's readings came to.</summary>
public enum RuleKind
{
    /// <summary>A track enters a zone.</summary>
    ZoneEntry,

    /// <summary>A track crosses a line (optionally in one direction).</summary>
    LineCrossing,

    /// <summary>A track stays in a zone at least a given time.</summary>
    Dwell,

    /// <summary>At least N tracks are in a zone at once.</summary>
    Occupancy,

    /// <summary>People per square metre in a zone reach crowd-safety levels.</summary>
    Density,

    /// <summary>A vehicle stands still in a zone at least a given time.</summary>
    StoppedVehicle,

    /// <summary>A track moves against a zone's allowed direction.</summary>
    WrongWay,

    /// <summary>A sensor's readings reached one of its stages (an episode while the stage holds). Sensors only.</summary>
    SensorStage,

    /// <summary>A sensor's value rose by its configured amount within its window. Sensors only.</summary>
    SensorRise,

    /// <summary>A sensor missed three of its reporting intervals (an episode until it reports again). Sensors only.</summary>
    SensorSilent,
}
