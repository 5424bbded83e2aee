namespace Vigil.Server.Api.Contracts;

/// <summary>User name and password, and the page to go back to (only a path on this server is honoured).</summary>
public sealed record SignInRequest(string? UserName, string? Password, string? ReturnUrl = null);
