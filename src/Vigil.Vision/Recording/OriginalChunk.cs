namespace Vigil.Vision.Recording;

/// <summary>A piece of a camera's original stream as it arrived (MPEG-TS, starting at a key frame), held in memory until it is sealed.</summary>
public sealed record OriginalChunk(DateTimeOffset Start, DateTimeOffset End, byte[] Stream);
