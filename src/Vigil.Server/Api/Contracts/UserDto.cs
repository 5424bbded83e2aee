namespace Vigil.Server.Api.Contracts;

/// <summary>A user as the admin sees it (never the password hash).</summary>
public sealed record UserDto(string Id, string UserName, IReadOnlyList<string> Roles, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil);
