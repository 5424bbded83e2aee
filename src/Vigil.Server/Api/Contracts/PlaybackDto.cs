namespace Vigil.Server.Api.Contracts;

/// <summary>A playback, audited: the segments to play in order, fetchable by this user until <see cref="ExpiresAt"/>.</summary>
public sealed record PlaybackDto(string CameraId, DateTimeOffset From, DateTimeOffset To, DateTimeOffset ExpiresAt, IReadOnlyList<RecordedSegmentDto> Segments);
