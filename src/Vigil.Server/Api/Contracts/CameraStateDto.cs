namespace Vigil.Server.Api.Contracts;

/// <summary>
/// A camera's pipeline state (<c>starting</c>, <c>live</c>, <c>stalled</c>, <c>reconnecting</c>, <c>failed</c>, <c>stopped</c>) and why;
/// frames dropped by design (a newer one arrived) apart from frames that failed.
/// </summary>
public sealed record CameraStateDto(string CameraId, string State, string? Reason, DateTimeOffset Since, long FramesDecoded, long FramesProcessed, long FramesDropped, long FramesFailed, long Reconnects);
