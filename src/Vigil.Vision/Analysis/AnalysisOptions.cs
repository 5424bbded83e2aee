using System.ComponentModel.DataAnnotations;

namespace Vigil.Vision.Analysis;

/// <summary>When a camera's frames are sent to the detector (section <c>Vigil:Analysis</c>).</summary>
public sealed class AnalysisOptions
{
    public const string SectionName = "Vigil:Analysis";

    /// <summary>Detection ticks per second; null runs a tick on every frame.</summary>
    [Range(0.1, 120)]
    public double? DetectFps { get; set; } = 5;

    /// <summary>
    /// Where in its 1/DetectFps period this camera's tick falls (0..1). Cameras sharing a detector
    /// get different phases so their detections do not all land at the same instant.
    /// </summary>
    [Range(0.0, 1.0)]
    public double TickPhase { get; set; }

    /// <summary>Skip the detector on a tick when the motion gate saw nothing move.</summary>
    public bool MotionGating { get; set; } = true;

    /// <summary>
    /// On a tick with motion, detect only on regions around it, at native resolution, when that
    /// costs less than the whole frame (and the detector runs on regions: the INT8 model); tracks
    /// outside them are held. The whole frame is still detected at every refresh
    /// (<see cref="FullFrameRefreshSeconds"/>) and after a scene change. Needs
    /// <see cref="MotionGating"/>.
    /// </summary>
    public bool MotionRegions { get; set; } = true;

    /// <summary>Padding around each motion box, as a fraction of its longer side, on top of <see cref="RegionPlanner.MinPad"/> pixels (motion rarely covers a whole person).</summary>
    [Range(0.0, 2.0)]
    public double RegionPadding { get; set; } = RegionPlanner.PadFraction;

    /// <summary>Even without motion, a tick runs the detector when the last detection is older than this, so stationary objects stay known.</summary>
    [Range(0.1, 3600)]
    public double FullFrameRefreshSeconds { get; set; } = 2.0;
}
