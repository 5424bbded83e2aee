namespace Vigil.Server.Api.Contracts;

/// <summary>A request to see a camera's originals: which camera, which range (at most 10 minutes), and why.</summary>
public sealed record UnmaskRequest(string? CameraId, DateTimeOffset? From, DateTimeOffset? To, string? Reason);
