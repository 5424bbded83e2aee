namespace Vigil.Server.Originals;

/// <summary>One sealed original segment on disk, as its name says.</summary>
internal sealed record OriginalSegmentFile(string Path, DateTimeOffset Start, DateTimeOffset End, long Bytes);
