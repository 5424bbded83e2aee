using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;

namespace Vigil.Server.Api;

/// <summary>
/// <c>/api/users</c> (admin): users, their roles and their API tokens; <c>/api/me</c>: who is signed
/// in. Users are disabled, never deleted. Any change ends the user's sessions and cached tokens.
/// </summary>
internal static class UserEndpoints
{
    public const int MaxTokenDays = 366;

    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (ClaimsPrincipal user) => TypedResults.Ok(new MeDto(
                user.FindFirstValue(ClaimTypes.NameIdentifier)!,
                user.Identity!.Name!,
                user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray())))
            .WithTags("Users").WithName("GetMe").WithSummary("The signed-in user and their roles.")
            .RequireAuthorization(Policies.SignedIn);

        RouteGroupBuilder users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.ManageUsers);
        users.MapGet("/", async (UserAdmin admin, CancellationToken ct) => TypedResults.Ok(await admin.ListAsync(ct).ConfigureAwait(false)))
            .WithName("ListUsers").WithSummary("Every user, disabled ones included.");
        users.MapPost("/", CreateAsync).WithName("CreateUser").WithSummary("Creates a user with a password and roles.");
        users.MapGet("/{id}", async Task<Results<Ok<UserDto>, ProblemHttpResult>> (string id, VigilDbContext db, CancellationToken ct) =>
                await FindAsync(db, id, ct).ConfigureAwait(false) is { } user ? TypedResults.Ok(ToDto(user)) : NoUser(id))
            .WithName("GetUser").WithSummary("One user.");
        users.MapPut("/{id}/roles", SetRolesAsync).WithName("SetUserRoles").WithSummary("Replaces the user's roles.");
        users.MapPut("/{id}/password", SetPasswordAsync).WithName("SetUserPassword").WithSummary("Sets a new password and ends the user's sessions.");
        users.MapDelete("/{id}", DisableAsync).WithName("DisableUser").WithSummary("Disables the user: sessions and tokens stop working; the record stays for the audit trail.");
        users.MapGet("/{id}/tokens", ListTokensAsync).WithName("ListUserTokens").WithSummary("The user's API tokens (never the tokens themselves).");
        users.MapPost("/{id}/tokens", CreateTokenAsync).WithName("CreateUserToken").WithSummary("Creates an API token acting as this user; the token is in this response only.");
        users.MapDelete("/{id}/tokens/{tokenId}", RevokeTokenAsync).WithName("RevokeUserToken").WithSummary("Revokes an API token.");
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

    private static async Task<IResult> ListTokensAsync(string id, VigilDbContext db, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct).ConfigureAwait(false) is null)
        {
            return NoUser(id);
        }

        List<ApiTokenRecord> tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == id).ToListAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(tokens.OrderBy(t => t.CreatedAt).Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt)).ToArray());
    }

    private static async Task<IResult> CreateTokenAsync(string id, CreateTokenRequest request, ClaimsPrincipal caller, VigilDbContext db, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct).ConfigureAwait(false) is not { } user)
        {
            return NoUser(id);
        }

        if (string.IsNullOrWhiteSpace(request.Name) || Problems.CheckText(request.Name, 100) is not null)
        {
            return Problems.Invalid("name", "say what the token is for, in 1 to 100 characters without control characters");
        }

        int days = request.ExpiresInDays ?? 90;
        if (days is < 1 or > MaxTokenDays)
        {
            return Problems.Invalid("expiresInDays", $"must be between 1 and {MaxTokenDays}");
        }

        DateTimeOffset now = clock.GetUtcNow();
        string token = ApiTokens.Create();
        var record = new ApiTokenRecord
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            UserId = user.Id,
            Name = request.Name.Trim(),
            TokenHash = ApiTokens.Hash(token),
            Prefix = token[..10],
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        db.ApiTokens.Add(record);
        await audit.SaveWithAsync(db, Actor(caller), AuditActions.TokenCreated, $"user/{user.Id}/token/{record.Id}", $"{user.UserName}: {record.Name} ({record.Prefix}…, {days} days)", ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/users/{id}/tokens/{record.Id}", new CreatedTokenDto(record.Id, record.Name, record.Prefix, token, record.CreatedAt, record.ExpiresAt));
    }

    private static async Task<IResult> RevokeTokenAsync(string id, string tokenId, ClaimsPrincipal caller, VigilDbContext db, AuditLog audit, UserDirectory directory, TimeProvider clock, CancellationToken ct)
    {
        ApiTokenRecord? token = Ids.IsRecordId(id) && Ids.IsRecordId(tokenId)
            ? await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == id, ct).ConfigureAwait(false)
            : null;
        if (token is null)
        {
            return Problems.NotFound("No such token for that user.");
        }

        token.RevokedAt ??= clock.GetUtcNow();
        await audit.SaveWithAsync(db, Actor(caller), AuditActions.TokenRevoked, $"user/{id}/token/{tokenId}", token.Name, ct).ConfigureAwait(false);
        directory.Invalidate();
        return TypedResults.NoContent();
    }

    private static async Task<UserRecord?> FindAsync(VigilDbContext db, string id, CancellationToken ct, bool track = false)
    {
        if (!Ids.IsRecordId(id))
        {
            return null;
        }

        IQueryable<UserRecord> users = track ? db.Users : db.Users.AsNoTracking();
        return await users.FirstOrDefaultAsync(u => u.Id == id, ct).ConfigureAwait(false);
    }

    private static string Actor(ClaimsPrincipal caller) => caller.Identity?.Name ?? "unknown";

    private static ProblemHttpResult NoUser(string id) =>
        TypedResults.Problem(detail: UserAdmin.NoUser(id).Detail, statusCode: StatusCodes.Status404NotFound);

    private static UserDto ToDto(UserRecord u) => UserAdmin.ToDto(u);
}
