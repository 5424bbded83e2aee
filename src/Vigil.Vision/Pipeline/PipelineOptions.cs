using System.ComponentModel.DataAnnotations;

namespace Vigil.Vision.Pipeline;

/// <summary>Camera pipeline supervision (section <c>Vigil:Pipeline</c>).</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Vigil:Pipeline";

    /// <summary>No frame for this long means the stream stalled.</summary>
    [Range(0.2, 600)]
    public double StallSeconds { get; set; } = 5;

    /// <summary>A network camera that does not connect or answer within this long fails the attempt (ffmpeg's socket timeout).</summary>
    [Range(1, 300)]
    public double IoTimeoutSeconds { get; set; } = 10;

    /// <summary>First wait before reconnecting; doubles on each failure in a row.</summary>
    [Range(0.05, 600)]
    public double InitialBackoffSeconds { get; set; } = 1;

    /// <summary>Longest wait before reconnecting.</summary>
    [Range(0.05, 3600)]
    public double MaxBackoffSeconds { get; set; } = 30;

    /// <summary>Failures in a row after which the camera is reported failed (it is still retried).</summary>
    [Range(1, 1000)]
    public int FailuresBeforeFailed { get; set; } = 5;

    /// <summary>Files are played at their own frame rate and looped, like a live camera.</summary>
    public bool LoopFiles { get; set; } = true;

    /// <summary>
    /// Detect on motion regions rather than the whole frame when that is cheaper (INT8 cameras;
    /// ADR 022). Off runs every detection on the whole frame, the path before issue 24.
    /// </summary>
    public bool MotionRegions { get; set; } = true;
}
