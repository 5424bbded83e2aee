namespace Vigil.Data.Entities;

/// <summary>
/// A bearer token for an integration, acting as its user with the user's roles. Only the SHA-256 of
/// the token is stored; the token itself is shown once, when it is created.
/// </summary>
public sealed class ApiTokenRecord
{
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public UserRecord? User { get; set; }

    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The token's first characters, so a user can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
