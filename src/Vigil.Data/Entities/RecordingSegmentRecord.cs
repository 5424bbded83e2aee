using Vigil.Domain.Cameras;

namespace Vigil.Data.Entities;

/// <summary>
/// One recorded file of a camera's redacted picture, complete under its real name before this row
/// exists (the recorder renames, then the row is written; retention deletes the row, then the file).
/// </summary>
public sealed class RecordingSegmentRecord
{
    public required string Id { get; set; }

    public required string CameraId { get; set; }

    /// <summary>Path under the recordings folder, '/' separated.</summary>
    public required string File { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset EndedAt { get; set; }

    public long Bytes { get; set; }

    /// <summary>Lower-case hex SHA-256 of the file.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Why it was kept (an alert's clip, motion, continuous): its retention follows.</summary>
    public FootageKind Kind { get; set; }
}
