namespace Vigil.Server.Api.Contracts;

/// <summary>An operator action on an alert, with an optional note (at most 1000 characters).</summary>
/// <param name="Note">Why, in the operator's words.</param>
/// <param name="Version">The version the operator saw; when given and stale, the action is refused (409).</param>
public sealed record AlertActionRequest(string? Note, int? Version);
