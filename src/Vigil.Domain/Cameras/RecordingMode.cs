namespace Vigil.Domain.Cameras;

/// <summary>What a camera keeps of its picture. Whatever it keeps is the redacted picture operators see.</summary>
public enum RecordingMode
{
    /// <summary>Nothing is recorded, not even alert clips (the camera says <c>record: off</c>).</summary>
    Off,

    /// <summary>Only footage around alerts, with the pre- and post-roll (the default: the least footage that still answers "what happened just before?").</summary>
    Events,

    /// <summary>Footage with motion in it, and footage around alerts.</summary>
    Motion,

    /// <summary>Every moment the camera is live.</summary>
    Continuous,
}
