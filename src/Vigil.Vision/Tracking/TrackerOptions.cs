using System.ComponentModel.DataAnnotations;

namespace Vigil.Vision.Tracking;

/// <summary>Tracker settings (section <c>Vigil:Tracker</c>).</summary>
public sealed class TrackerOptions
{
    public const string SectionName = "Vigil:Tracker";

    /// <summary>Detections at or above this score are matched first and may start tracks.</summary>
    [Range(0.05, 0.99)]
    public float HighScore { get; set; } = 0.45f;

    /// <summary>Least IoU between a track's prediction and a high-score detection to match them.</summary>
    [Range(0.01, 0.99)]
    public float MatchIou { get; set; } = 0.25f;

    /// <summary>Least IoU for the second pass, where low-score detections keep existing tracks alive.</summary>
    [Range(0.01, 0.99)]
    public float LowScoreMatchIou { get; set; } = 0.45f;

    /// <summary>Consecutive matched detections before a new track is confirmed (birth).</summary>
    [Range(1, 30)]
    public int MinHits { get; set; } = 3;

    /// <summary>Seconds without a match after which a track is dropped (death).</summary>
    [Range(0.1, 60)]
    public double MaxMissedSeconds { get; set; } = 1.5;

    /// <summary>
    /// Seconds a confirmed track that lost its detection is still reported on its prediction: a
    /// person walking behind a sign or a lamp post, or missed by the detector for a moment, is
    /// still there. Capped by <see cref="MaxMissedSeconds"/>, when the track itself ends.
    /// </summary>
    [Range(0, 60)]
    public double CoastSeconds { get; set; } = 1.5;

    /// <summary>
    /// How far, in box heights between centres, a lost track may be from a new high-score
    /// detection of its kind that nothing else claimed and still take it (third association
    /// stage): a person reappearing from behind an obstacle, or a jump after a frozen camera,
    /// keeps its track instead of being counted twice. 0 turns the stage off.
    /// </summary>
    [Range(0, 5)]
    public double RecoverDistance { get; set; } = 1.0;

    /// <summary>Process noise: acceleration, in box heights per second², of the constant-velocity model.</summary>
    [Range(0.01, 100)]
    public double AccelerationNoise { get; set; } = 1.0;

    /// <summary>Measurement noise: a detection's position error, as a fraction of the box height.</summary>
    [Range(0.001, 1)]
    public double MeasurementNoise { get; set; } = 0.05;
}
