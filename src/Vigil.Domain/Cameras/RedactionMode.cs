namespace Vigil.Domain.Cameras;

/// <summary>How a camera's video is redacted; there is deliberately no "off".</summary>
public enum RedactionMode
{
    /// <summary>Every person box pixelated (the default).</summary>
    People,

    /// <summary>Faces blurred, plus the head region of every person box.</summary>
    Faces,
}
