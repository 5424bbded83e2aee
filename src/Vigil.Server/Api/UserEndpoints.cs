using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;

namespace Vigil.Server.Api;

/// <summary>
/// <c>/api/users</c> (admin): users, their roles, and the tokens of machine identities;
/// <c>/api/me</c>: who is signed in, and their own API tokens. Users are disabled, never deleted.
/// Any change ends the user's sessions and cached tokens.
/// </summary>
internal static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (ClaimsPrincipal user) => TypedResults.Ok(new MeDto(
                user.FindFirstValue(ClaimTypes.NameIdentifier)!,
                user.Identity!.Name!,
                user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray())))
            .WithTags("Users").WithName("GetMe").WithSummary("The signed-in user and their roles.")
            .RequireAuthorization(Policies.SignedIn);

        RouteGroupBuilder mine = app.MapGroup("/api/me/tokens").WithTags("Users").RequireAuthorization(Policies.SignedIn);
        mine.MapGet("/", async Task<Ok<IReadOnlyList<TokenDto>>> (ClaimsPrincipal caller, ApiTokenIssuer tokens, CancellationToken ct) =>
                TypedResults.Ok(await tokens.ListAsync(Principals.IdOf(caller), ct).ConfigureAwait(false) ?? []))
            .WithName("ListMyTokens").WithSummary("Your API tokens (never the tokens themselves).");
        mine.MapPost("/", CreateMyTokenAsync)
            .WithName("CreateMyToken").WithSummary("Creates an API token acting as you, from a signed-in session; the token is in this response only.");
        mine.MapDelete("/{tokenId}", async Task<Results<NoContent, ProblemHttpResult>> (string tokenId, ClaimsPrincipal caller, ApiTokenIssuer tokens, CancellationToken ct) =>
                await tokens.RevokeAsync(Principals.IdOf(caller), tokenId, caller, ct).ConfigureAwait(false) ? TypedResults.NoContent() : NoToken())
            .WithName("RevokeMyToken").WithSummary("Revokes one of your API tokens.");

        RouteGroupBuilder users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.ManageUsers);
        users.MapGet("/", async (UserAdmin admin, CancellationToken ct) => TypedResults.Ok(await admin.ListAsync(ct).ConfigureAwait(false)))
            .WithName("ListUsers").WithSummary("Every user, disabled ones included.");
        users.MapPost("/", CreateAsync).WithName("CreateUser").WithSummary("Creates a user with a password and roles (separation of duties: admin alone, auditor apart from operations, a sensor alone and without a password).");
        users.MapGet("/{id}", async Task<Results<Ok<UserDto>, ProblemHttpResult>> (string id, VigilDbContext db, CancellationToken ct) =>
                await FindAsync(db, id, ct).ConfigureAwait(false) is { } user ? TypedResults.Ok(UserAdmin.ToDto(user)) : NoUser(id))
            .WithName("GetUser").WithSummary("One user.");
        users.MapPut("/{id}/roles", SetRolesAsync).WithName("SetUserRoles").WithSummary("Replaces the user's roles (never your own).");
        users.MapPut("/{id}/password", SetPasswordAsync).WithName("SetUserPassword").WithSummary("Sets a new password, ends the user's sessions and revokes their API tokens.");
        users.MapDelete("/{id}", DisableAsync).WithName("DisableUser").WithSummary("Disables the user: sessions and tokens stop working; the record stays for the audit trail.");
        users.MapGet("/{id}/tokens", async Task<Results<Ok<IReadOnlyList<TokenDto>>, ProblemHttpResult>> (string id, ApiTokenIssuer tokens, CancellationToken ct) =>
                await tokens.ListAsync(id, ct).ConfigureAwait(false) is { } list ? TypedResults.Ok(list) : NoUser(id))
            .WithName("ListUserTokens").WithSummary("The user's API tokens (never the tokens themselves).");
        users.MapPost("/{id}/tokens", CreateTokenAsync).WithName("CreateUserToken").WithSummary("Creates an API token for a machine identity (role sensor); people create their own.");
        users.MapDelete("/{id}/tokens/{tokenId}", async Task<Results<NoContent, ProblemHttpResult>> (string id, string tokenId, ClaimsPrincipal caller, ApiTokenIssuer tokens, CancellationToken ct) =>
                await tokens.RevokeAsync(id, tokenId, caller, ct).ConfigureAwait(false) ? TypedResults.NoContent() : NoToken())
            .WithName("RevokeUserToken").WithSummary("Revokes an API token.");
    }

    private static async Task<IResult> CreateAsync(CreateUserRequest request, ClaimsPrincipal caller, UserAdmin users, CancellationToken ct)
    {
        Outcome<UserDto> outcome = await users.CreateAsync(request, caller, ct).ConfigureAwait(false);
        return outcome.ToResult(outcome.Value is { } created ? $"/api/users/{created.Id}" : null);
    }

    private static async Task<IResult> SetRolesAsync(string id, SetRolesRequest request, ClaimsPrincipal caller, UserAdmin users, CancellationToken ct) =>
        (await users.SetRolesAsync(id, request.Roles, caller, ct).ConfigureAwait(false)).ToResult();

    private static async Task<IResult> SetPasswordAsync(string id, SetPasswordRequest request, ClaimsPrincipal caller, UserAdmin users, CancellationToken ct) =>
        NoContentWhenDone(await users.SetPasswordAsync(id, request.Password, caller, ct).ConfigureAwait(false));

    private static async Task<IResult> DisableAsync(string id, ClaimsPrincipal caller, UserAdmin users, CancellationToken ct) =>
        NoContentWhenDone(await users.DisableAsync(id, caller, ct).ConfigureAwait(false));

    private static IResult NoContentWhenDone(Outcome<UserDto> outcome) => outcome.Value is not null ? TypedResults.NoContent() : outcome.ToResult();

    private static async Task<IResult> CreateTokenAsync(string id, CreateTokenRequest request, ClaimsPrincipal caller, ApiTokenIssuer tokens, CancellationToken ct)
    {
        Outcome<CreatedTokenDto> outcome = await tokens.CreateAsync(id, request, caller, ct).ConfigureAwait(false);
        return outcome.ToResult(outcome.Value is { } created ? $"/api/users/{id}/tokens/{created.Id}" : null);
    }

    private static async Task<IResult> CreateMyTokenAsync(CreateTokenRequest request, ClaimsPrincipal caller, ApiTokenIssuer tokens, CancellationToken ct)
    {
        if (!Principals.HasSession(caller))
        {
            // A token that could mint tokens would outlive its own expiry and revocation.
            return Results.Problem(detail: "Create tokens from a session signed in with your password, not with another token.", statusCode: StatusCodes.Status403Forbidden);
        }

        Outcome<CreatedTokenDto> outcome = await tokens.CreateAsync(Principals.IdOf(caller), request, caller, ct).ConfigureAwait(false);
        return outcome.ToResult(outcome.Value is { } created ? $"/api/me/tokens/{created.Id}" : null);
    }

    private static async Task<UserRecord?> FindAsync(VigilDbContext db, string id, CancellationToken ct) =>
        Ids.IsRecordId(id) ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct).ConfigureAwait(false) : null;

    private static ProblemHttpResult NoUser(string id) =>
        TypedResults.Problem(detail: UserAdmin.NoUser(id).Detail, statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult NoToken() =>
        TypedResults.Problem(detail: "No such token for that user.", statusCode: StatusCodes.Status404NotFound);
}
