namespace Vigil.Domain.Evidence;

/// <summary>
/// One file of an evidence package: its path inside the package (e.g.
/// <c>clips/lobby/20261201T103000.000Z.mp4</c>), its kind (<see cref="Clip"/> or <see cref="Snapshot"/>),
/// the camera and time it shows, its size and SHA-256, and the alerts whose clip or snapshot it is.
/// </summary>
public sealed record EvidenceFile(
    string Path,
    string Kind,
    string CameraId,
    DateTimeOffset From,
    DateTimeOffset To,
    long Bytes,
    string Sha256,
    IReadOnlyList<string> AlertIds)
{
    /// <summary>A recorded segment (MP4, H.264) that overlaps an alert's clip.</summary>
    public const string Clip = "clip";

    /// <summary>An alert's redacted snapshot (JPEG).</summary>
    public const string Snapshot = "snapshot";
}
