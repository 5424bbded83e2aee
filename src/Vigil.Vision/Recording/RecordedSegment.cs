using Vigil.Domain.Cameras;

namespace Vigil.Vision.Recording;

/// <summary>A finished recording file: redacted H.264 in MP4, complete under its real name.</summary>
/// <param name="CameraId">The camera it shows.</param>
/// <param name="File">Its path under the recordings folder, with '/' separators (<c>CAMERA/YYYY-MM-DD/HH/MM.SS.fff.mp4</c>).</param>
/// <param name="Start">Wall-clock time of its first frame.</param>
/// <param name="End">Wall-clock time its last frame ends.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file, for evidence.</param>
/// <param name="Kind">Why it was kept (an alert's clip, motion, or continuous), which sets its retention.</param>
public sealed record RecordedSegment(string CameraId, string File, DateTimeOffset Start, DateTimeOffset End, long Bytes, string Sha256, FootageKind Kind);
