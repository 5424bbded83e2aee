namespace Vigil.Data.Entities;

/// <summary>
/// A console session begun with a password. The cookie carries only its id; the session is valid
/// while this row has no end (sign-out ends it at once, on every server) and its user's security
/// stamp is unchanged.
/// </summary>
public sealed class SessionRecord
{
    /// <summary>The cookie's session id: 32 hex digits of 128 random bits.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The client's address at sign-in (for the user's own list and the auditor).</summary>
    public string? ClientAddress { get; set; }
}
