namespace Vigil.Server.Api.Contracts;

/// <summary>A token just created: <c>Token</c> is shown this once and cannot be read again.</summary>
public sealed record CreatedTokenDto(string Id, string Name, string Prefix, string Token, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);
