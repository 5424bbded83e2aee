using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Vigil.Server.Auth;

namespace Vigil.Server.Components;

/// <summary>
/// A console circuit lives as long as the browser tab; the cookie was checked only when it opened.
/// This re-checks the session every few seconds, so a user who is disabled, re-roled or signed out
/// elsewhere loses the console as they would lose the API.
/// </summary>
internal sealed class SessionRevalidator(ILoggerFactory loggerFactory, UserDirectory users)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(5);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsCurrentAsync(authenticationState.User, cancellationToken);

    /// <summary>Whether the session this principal came from is still valid (same user, enabled, same stamp).</summary>
    internal Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken cancellationToken) => users.IsCurrentAsync(user, cancellationToken);
}
