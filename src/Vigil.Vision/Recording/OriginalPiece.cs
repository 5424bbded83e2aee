namespace Vigil.Vision.Recording;

/// <summary>One opened original segment to play: its MPEG-TS stream, when it was recorded, how much of its start to skip and how much to play after that.</summary>
public sealed record OriginalPiece(byte[] Stream, DateTimeOffset Start, TimeSpan Skip, TimeSpan Length);
