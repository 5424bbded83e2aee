namespace Vigil.Vision.Decoding;

/// <summary>What ffprobe says of a video's first stream.</summary>
/// <param name="Width">Frame width in pixels.</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="FramesPerSecond">The stream's frame rate.</param>
/// <param name="FrameCount">Frames the container declares, when it declares them.</param>
public sealed record VideoInfo(int Width, int Height, double FramesPerSecond, long? FrameCount);
