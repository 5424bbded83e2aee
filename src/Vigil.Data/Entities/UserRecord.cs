namespace Vigil.Data.Entities;

/// <summary>A person who signs in. Users are disabled, never deleted: the audit trail names them.</summary>
public sealed class UserRecord
{
    public required string Id { get; set; }

    public required string UserName { get; set; }

    /// <summary>Upper-case invariant form, unique: 'Ana' and 'ana' are one user.</summary>
    public required string NormalizedUserName { get; set; }

    /// <summary>ASP.NET Core Identity's PBKDF2 hash.</summary>
    public required string PasswordHash { get; set; }

    /// <summary>Role names, comma-separated (see <see cref="Vigil.Domain.Users.Roles"/>).</summary>
    public string Roles { get; set; } = "";

    public int FailedSignIns { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Changes whenever roles, password or status change, which ends existing sessions.</summary>
    public required string SecurityStamp { get; set; }

    public List<ApiTokenRecord> Tokens { get; } = [];

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
