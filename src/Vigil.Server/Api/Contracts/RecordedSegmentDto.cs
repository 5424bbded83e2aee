using Vigil.Domain.Cameras;

namespace Vigil.Server.Api.Contracts;

/// <summary>
/// One recorded file of a camera's redacted picture, as the timeline and the player see it: its
/// time, why it was kept (event, motion, continuous), size and SHA-256, and <c>Url</c>, where the
/// player fetches it (MP4, range requests; only within a playback that covers it).
/// </summary>
public sealed record RecordedSegmentDto(string Id, DateTimeOffset Start, DateTimeOffset End, FootageKind Kind, long Bytes, string Sha256, string Url);
