namespace Vigil.Server.Api.Contracts;

/// <summary>An API token as listed: never the token itself.</summary>
public sealed record TokenDto(string Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);
