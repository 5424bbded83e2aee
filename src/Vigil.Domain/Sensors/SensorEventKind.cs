namespace Vigil.Domain.Sensors;

/// <summary>What a sensor's readings came to.</summary>
public enum SensorEventKind
{
    /// <summary>Readings stayed at or above a higher stage for the minimum duration.</summary>
    StageRaised,

    /// <summary>Readings stayed below the stage (less the hysteresis) for the minimum duration; <c>Stage</c> is the one now in force, null for none.</summary>
    StageLowered,

    /// <summary>The value rose by the configured amount within the window.</summary>
    RisingFast,

    /// <summary>No reading for <see cref="Sensor.SilentAfterIntervals"/> intervals.</summary>
    Silent,

    /// <summary>A silent sensor reported again.</summary>
    Resumed,

    /// <summary>A reading outside the kind's physical range: a faulty sensor, flagged, never alerted on.</summary>
    OutOfRange,
}
