using Vigil.Domain.Cameras;

namespace Vigil.Domain.Sensors;

/// <summary>
/// A sensor as configured: what it measures and where, why it exists (its purpose is public, as a
/// camera's), how often it reports, and what its readings mean (stages, rate of rise). Hysteresis
/// and a minimum duration keep one spike, or a value hovering at a threshold, from paging anyone.
/// </summary>
public sealed record Sensor
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required SensorKind Kind { get; init; }

    /// <summary>One of the kind's units (<see cref="SensorKinds"/>); any text for a generic sensor.</summary>
    public required string Unit { get; init; }

    public required string Purpose { get; init; }

    public GeoLocation? Location { get; init; }

    /// <summary>How often it reports; three intervals without a reading raise <c>sensor_silent</c>.</summary>
    public required TimeSpan Interval { get; init; }

    /// <summary>Lowest first, thresholds strictly rising.</summary>
    public IReadOnlyList<SensorStage> Stages { get; init; } = [];

    /// <summary>How far below a stage's threshold a reading must fall to leave it (sensor's unit).</summary>
    public double Hysteresis { get; init; }

    /// <summary>How long readings must stay past a threshold before the stage changes.</summary>
    public TimeSpan MinDuration { get; init; }

    public RateOfRise? RateOfRise { get; init; }

    /// <summary>How long its readings are kept.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How many missed intervals make a sensor silent.</summary>
    public const int SilentAfterIntervals = 3;
}
