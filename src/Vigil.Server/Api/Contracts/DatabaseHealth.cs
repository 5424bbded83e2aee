namespace Vigil.Server.Api.Contracts;

/// <summary>Whether the database answered, and which one it is (no credentials).</summary>
public sealed record DatabaseHealth(bool Reachable, string Provider, string? Problem);
