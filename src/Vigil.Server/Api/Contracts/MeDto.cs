namespace Vigil.Server.Api.Contracts;

/// <summary>Who is signed in.</summary>
public sealed record MeDto(string Id, string UserName, IReadOnlyList<string> Roles);
