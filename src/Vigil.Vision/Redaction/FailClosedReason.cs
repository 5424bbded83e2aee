namespace Vigil.Vision.Redaction;

/// <summary>Why a frame was pixelated whole instead of region by region.</summary>
public enum FailClosedReason
{
    /// <summary>Not failed closed: regions were redacted.</summary>
    None,

    /// <summary>No detection has run yet for this camera.</summary>
    NoDetectionYet,

    /// <summary>The latest detection is older than the configured limit.</summary>
    StaleDetections,

    /// <summary>The detector threw.</summary>
    DetectorFailed,

    /// <summary>The scene changed as a whole (camera moved, lights).</summary>
    SceneChanged,
}
