namespace Vigil.Domain.Cameras;

/// <summary>Why a recorded segment was kept, which decides how long it is kept (<see cref="RecordingPolicy.RetainFor"/>).</summary>
public enum FootageKind
{
    /// <summary>Kept because the camera records continuously; nothing moved in it.</summary>
    Continuous,

    /// <summary>Something moved in it.</summary>
    Motion,

    /// <summary>It overlaps an alert's clip (the alert's time with its pre- and post-roll).</summary>
    Event,
}
