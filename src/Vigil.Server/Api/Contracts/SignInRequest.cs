namespace Vigil.Server.Api.Contracts;

/// <summary>User name and password.</summary>
public sealed record SignInRequest(string? UserName, string? Password);
