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
        RouteGroupBuilder auth = app.MapGroup("/auth").WithTags("Sign-in");
        auth.MapPost("/sign-in", SignInAsync)
            .WithName("SignIn").WithSummary("Checks user name and password and starts a session (cookie). Locks the account after repeated failures.")
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
        auth.MapPost("/sign-out", async Task<NoContent> (HttpContext http, VigilDbContext db, AuditLog audit) =>
            {
                AuthenticateResult session = await http.AuthenticateAsync(AuthSchemes.Cookie).ConfigureAwait(false);
                await http.SignOutAsync(AuthSchemes.Cookie).ConfigureAwait(false);
                if (session.Principal?.Identity?.Name is { } name)
                {
                    await audit.AppendAsync(db, name, AuditActions.SignOut, null, null, http.RequestAborted).ConfigureAwait(false);
                }

                return TypedResults.NoContent();
            })
            .WithName("SignOut").WithSummary("Ends the session.")
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

        SignInOutcome outcome = await signIn.SignInAsync(request.UserName, request.Password, ct).ConfigureAwait(false);
        if (outcome.User is not { } user)
        {
            return Results.Problem(detail: outcome.Problem, statusCode: StatusCodes.Status401Unauthorized);
        }

        await http.SignInAsync(AuthSchemes.Cookie, UserDirectory.CreatePrincipal(user, AuthSchemes.Cookie)).ConfigureAwait(false);
        return TypedResults.Ok(new MeDto(user.Id, user.UserName, user.RoleList));
    }
}
