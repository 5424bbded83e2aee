namespace Vigil.Server.Api.Contracts;

/// <summary>A new user: name, initial password and roles.</summary>
public sealed record CreateUserRequest(string? UserName, string? Password, IReadOnlyList<string>? Roles);
