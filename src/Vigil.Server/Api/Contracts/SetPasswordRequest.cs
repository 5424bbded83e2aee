namespace Vigil.Server.Api.Contracts;

/// <summary>A new password for a user (ends the user's sessions).</summary>
public sealed record SetPasswordRequest(string? Password);
