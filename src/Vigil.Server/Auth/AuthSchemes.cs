namespace Vigil.Server.Auth;

/// <summary>Authentication schemes: a session cookie for people, bearer tokens for integrations.</summary>
internal static class AuthSchemes
{
    /// <summary>Picks <see cref="Token"/> when the request carries a bearer token, else <see cref="Cookie"/>.</summary>
    public const string Default = "vigil";

    public const string Cookie = "cookie";

    public const string Token = "token";

    public const string CookieName = "vigil.session";

    /// <summary>The claim that ties a session to the user's security stamp.</summary>
    public const string StampClaim = "vigil:stamp";

    /// <summary>The claim that names a password sign-in's server-side session record.</summary>
    public const string SessionClaim = "vigil:session";

    /// <summary>The claim that names the API token a principal came from.</summary>
    public const string TokenClaim = "vigil:token";

    /// <summary>Where a browser's WebSocket can put the token (it cannot set headers).</summary>
    public const string AccessTokenQuery = "access_token";

    /// <summary>The bearer token from the header, or from the query on the live-push hub.</summary>
    public static string? BearerTokenOf(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal) && request.Query[AccessTokenQuery] is { Count: 1 } query
            ? query.ToString()
            : null;
    }
}
