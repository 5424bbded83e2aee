namespace Vigil.Server.Api.Contracts;

/// <summary>A new API token: what it is for, and after how many days it expires (default 90, at most 366).</summary>
public sealed record CreateTokenRequest(string? Name, int? ExpiresInDays);
