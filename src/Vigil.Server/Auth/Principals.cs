using System.Security.Claims;

namespace Vigil.Server.Auth;

/// <summary>What the server reads from a signed-in principal: its user id, its name for the audit log, how it signed in.</summary>
internal static class Principals
{
    /// <summary>The actor the audit log names for a request nobody signed in for.</summary>
    public const string Anonymous = "anonymous";

    public static string IdOf(ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    public static string ActorOf(ClaimsPrincipal principal) => principal.Identity?.Name ?? Anonymous;

    /// <summary>Whether the principal came from a password sign-in (a session cookie), not from an API token.</summary>
    public static bool HasSession(ClaimsPrincipal principal) => principal.FindFirst(AuthSchemes.SessionClaim) is not null;
}
