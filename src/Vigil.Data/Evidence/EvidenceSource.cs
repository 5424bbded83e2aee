namespace Vigil.Data.Evidence;

/// <summary>
/// A file to put into an evidence package: where it goes, what it shows, where it is on disk and, for
/// recorded segments, the SHA-256 its index row has (the package refuses a file that no longer matches).
/// </summary>
public sealed record EvidenceSource(
    string PackagePath,
    string Kind,
    string CameraId,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<string> AlertIds,
    string SourceFile,
    string? ExpectedSha256);
