namespace Vigil.Vision.Recording;

/// <summary>One opened original segment to play: its MPEG-TS stream, how much of its start to skip and how much to play after that.</summary>
public sealed record OriginalPiece(byte[] Stream, TimeSpan Skip, TimeSpan Length);
