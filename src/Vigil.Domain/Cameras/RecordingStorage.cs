namespace Vigil.Domain.Cameras;

/// <summary>
/// The recordings folder's guard (<c>recordings:</c> in vigil.yaml): the free space that must be
/// left on its disk and an optional cap on all footage together. When either is crossed, the oldest
/// footage that no evidence hold keeps goes first; held evidence is never deleted.
/// </summary>
public sealed record RecordingStorage
{
    public static RecordingStorage Default { get; } = new();

    /// <summary>Free space that is always left on the recordings' disk (default 2 GB).</summary>
    public long MinFreeBytes { get; init; } = 2_000_000_000;

    /// <summary>The most all footage together may take, or null for no cap beyond the free-space floor.</summary>
    public long? MaxBytes { get; init; }
}
