namespace Vigil.Server.Api.Contracts;

/// <summary>Who signed in, and where the browser goes next (the return URL when it is a path on this server, else the console).</summary>
public sealed record SignedInDto(string Id, string UserName, IReadOnlyList<string> Roles, string Next);
