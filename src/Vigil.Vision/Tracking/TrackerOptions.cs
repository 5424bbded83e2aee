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
    /// Detection frames in a row a confirmed track may go unmatched and still be reported on its
    /// prediction (bridges a missed detection; the track itself lives for <see cref="MaxMissedSeconds"/>).
    /// </summary>
    [Range(0, 100)]
    public int CoastMisses { get; set; } = 1;

    /// <summary>Process noise: acceleration, in box heights per second², of the constant-velocity model.</summary>
    [Range(0.01, 100)]
    public double AccelerationNoise { get; set; } = 1.0;

    /// <summary>Measurement noise: a detection's position error, as a fraction of the box height.</summary>
    [Range(0.001, 1)]
    public double MeasurementNoise { get; set; } = 0.05;
}
