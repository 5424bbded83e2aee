using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Domain.Audit;
using Vigil.Server.Api;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Pages;

namespace Vigil.Server.Auth;

/// <summary>The sign-in page, and signing in and out with a session cookie. Sign-in is rate-limited per client address.</summary>
internal static class AuthEndpoints
{
    public const string RateLimitPolicy = "sign-in";

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sign-in", () => EmbeddedPages.Html("sign-in.html"))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/sign-in.js", () => EmbeddedPages.File("sign-in.js")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/sign-in.css", () => EmbeddedPages.File("sign-in.css")).AllowAnonymous().ExcludeFromDescription();
        RouteGroupBuilder auth = app.MapGroup("/auth").WithTags("Sign-in");
        auth.MapPost("/sign-in", SignInAsync)
            .WithName("SignIn").WithSummary("Checks user name and password and starts a session (cookie). Locks the account after repeated failures.")
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
        auth.MapPost("/sign-out", async Task<NoContent> (HttpContext http, VigilDbContext db, AuditLog audit, UserDirectory users) =>
            {
                AuthenticateResult session = await http.AuthenticateAsync(AuthSchemes.Cookie).ConfigureAwait(false);
                await http.SignOutAsync(AuthSchemes.Cookie).ConfigureAwait(false);
                if (session.Principal is { Identity.Name: { } name } principal && principal.FindFirst(AuthSchemes.SessionClaim)?.Value is { } id)
                {
                    // The record ends, not just the cookie: a copy of the cookie is worthless from now on, everywhere.
                    await users.EndSessionAsync(db, id, http.RequestAborted).ConfigureAwait(false);
                    await audit.SaveWithAsync(db, name, AuditActions.SignOut, $"session/{id}", null, http.RequestAborted).ConfigureAwait(false);
                    users.Invalidate();
                }

                return TypedResults.NoContent();
            })
            .WithName("SignOut").WithSummary("Ends the session: its cookie, open streams and live connections stop working at once.")
            .AllowAnonymous();
    }

    private static async Task<IResult> SignInAsync(SignInRequest request, SignInService signIn, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || request.UserName.Length > 64)
        {
            return Problems.Invalid("userName", "required, at most 64 characters");
        }

        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > Passwords.MaximumLength)
        {
            return Problems.Invalid("password", $"required, at most {Passwords.MaximumLength} characters");
        }

        SignInOutcome outcome = await signIn.SignInAsync(request.UserName, request.Password, http.Connection.RemoteIpAddress, ct).ConfigureAwait(false);
        if (outcome.User is not { } user)
        {
            return Results.Problem(detail: outcome.Problem, statusCode: StatusCodes.Status401Unauthorized);
        }

        ClaimsPrincipal principal = UserDirectory.CreatePrincipal(user, AuthSchemes.Cookie, sessionId: outcome.SessionId);
        await http.SignInAsync(AuthSchemes.Cookie, principal).ConfigureAwait(false);
        return TypedResults.Ok(new SignedInDto(user.Id, user.UserName, principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(), LocalUrl.OrHome(request.ReturnUrl)));
    }
}
