namespace Vigil.Vision.Pipeline;

/// <summary>A camera's state, why it is in it, and since when.</summary>
public sealed record CameraStatus(string CameraId, CameraState State, string? Reason, DateTimeOffset Since);
