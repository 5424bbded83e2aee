namespace Vigil.Server.Originals;

/// <summary>What an approved request lets its requester watch now: the camera, the range, until when, and the watermark every frame carries.</summary>
internal sealed record UnmaskGrant(string RequestId, string CameraId, DateTimeOffset From, DateTimeOffset To, DateTimeOffset Until, string Watermark);
