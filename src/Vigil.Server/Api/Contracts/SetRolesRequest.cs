namespace Vigil.Server.Api.Contracts;

/// <summary>The complete new set of roles for a user.</summary>
public sealed record SetRolesRequest(IReadOnlyList<string>? Roles);
