namespace Vigil.Vision.Detection;

/// <summary>
/// A part of a frame the detector runs on (a motion crop, issue 24): the source rectangle, in
/// frame pixels, and the network input it is resized to (multiples of 32; the same size as the
/// rectangle when the crop is at the frame's native resolution).
/// </summary>
/// <param name="X">Left edge in frame pixels.</param>
/// <param name="Y">Top edge in frame pixels.</param>
/// <param name="Width">Width in frame pixels.</param>
/// <param name="Height">Height in frame pixels.</param>
/// <param name="InputWidth">Network input width (a multiple of 32).</param>
/// <param name="InputHeight">Network input height (a multiple of 32).</param>
public readonly record struct DetectionRegion(int X, int Y, int Width, int Height, int InputWidth, int InputHeight)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    /// <summary>Whether the crop is taken at the frame's resolution (no resize).</summary>
    public bool Native => Width == InputWidth && Height == InputHeight;

    /// <summary>Network input pixels: what a run costs.</summary>
    public int InputArea => InputWidth * InputHeight;
}
