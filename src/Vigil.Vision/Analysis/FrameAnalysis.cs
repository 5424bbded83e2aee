using Vigil.Domain.Geometry;
using Vigil.Domain.Observations;
using Vigil.Vision.Detection;
using Vigil.Vision.Motion;

namespace Vigil.Vision.Analysis;

/// <summary>
/// What one frame yielded. The lists belong to the <see cref="FrameAnalyzer"/> and are reused:
/// read them before the next frame is processed.
/// </summary>
public sealed class FrameAnalysis
{
    public long Index { get; internal set; }

    public TimeSpan Timestamp { get; internal set; }

    public MotionResult Motion { get; internal set; }

    /// <summary>Whether the detector ran on this frame.</summary>
    public bool Detected { get; internal set; }

    /// <summary>When the scene was last known to be current (see <see cref="FrameAnalyzer.LastVerifiedAt"/>).</summary>
    public TimeSpan? LastVerifiedAt { get; internal set; }

    /// <summary>Whether the detector threw on this frame.</summary>
    public bool DetectorFailed { get; internal set; }

    /// <summary>Whether detection was due (a tick) but the motion gate skipped it.</summary>
    public bool SkippedByGate { get; internal set; }

    /// <summary>Changed regions, source-frame pixels.</summary>
    public List<BoundingBox> MotionRegions { get; } = [];

    /// <summary>The regions the detector ran on; empty when it ran on the whole frame (or not at all).</summary>
    public List<DetectionRegion> Regions { get; } = [];

    /// <summary>Raw detections, when the detector ran.</summary>
    public List<DetectedObject> Detections { get; } = [];

    /// <summary>Confirmed tracks on this frame.</summary>
    public List<TrackedObject> Objects { get; } = [];
}
