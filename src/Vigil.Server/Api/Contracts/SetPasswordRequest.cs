namespace Vigil.Server.Api.Contracts;

/// <summary>A new password for a person (ends the user's sessions and revokes their API tokens).</summary>
public sealed record SetPasswordRequest(string? Password);
