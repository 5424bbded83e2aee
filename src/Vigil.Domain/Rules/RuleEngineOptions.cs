namespace Vigil.Domain.Rules;

/// <summary>Tolerances that keep rules from chattering on noisy tracks.</summary>
public sealed record RuleEngineOptions
{
    /// <summary>A track must be outside a zone this long before it has left (jitter on the edge is not a new entry).</summary>
    public TimeSpan ZoneExitGrace { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Normalised distance from a line a track must reach on the other side before the crossing counts.</summary>
    public double LineHysteresis { get; init; } = 0.01;

    /// <summary>How long a track's state is kept after it was last seen (a track lost and found keeps its state).</summary>
    public TimeSpan TrackMemory { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>A vehicle moving less than this (normalised) since it stopped is still stopped.</summary>
    public double StoppedTolerance { get; init; } = 0.02;

    /// <summary>Slowest movement (normalised units per second) that counts as travelling, for wrong-way.</summary>
    public double MinTravelSpeed { get; init; } = 0.02;

    /// <summary>How long a track must keep going the wrong way before it fires.</summary>
    public TimeSpan WrongWayDuration { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>An occupancy or density episode ends after its level is below threshold this long.</summary>
    public TimeSpan EpisodeEndGrace { get; init; } = TimeSpan.FromSeconds(2);
}
