namespace Vigil.Server.Api.Contracts;

/// <summary>
/// What a camera recorded in a time range: the segments (their gaps are the gaps in the footage)
/// and the alerts as markers. No pixels: playing any of it is a playback, which is audited.
/// </summary>
public sealed record RecordingIndexDto(string CameraId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<RecordedSegmentDto> Segments, IReadOnlyList<ClipMarkerDto> Alerts);
