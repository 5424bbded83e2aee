namespace Vigil.Vision.Pipeline;

/// <summary>Where a camera pipeline is.</summary>
public enum CameraState
{
    /// <summary>Opening the stream.</summary>
    Starting,

    /// <summary>Frames are arriving.</summary>
    Live,

    /// <summary>No frame for longer than the stall limit; the decoder is being replaced.</summary>
    Stalled,

    /// <summary>Waiting (with backoff) before opening the stream again.</summary>
    Reconnecting,

    /// <summary>Several attempts in a row failed; still retried at the longest backoff.</summary>
    Failed,

    /// <summary>The pipeline was stopped.</summary>
    Stopped,
}
