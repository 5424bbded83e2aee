namespace Vigil.Server.Api.Contracts;

/// <summary>A new user: name, initial password and roles (a machine identity, role <c>sensor</c>, needs no password: it signs in with API tokens only).</summary>
public sealed record CreateUserRequest(string? UserName, string? Password, IReadOnlyList<string>? Roles);
