using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;
using Vigil.Domain.Users;
using Vigil.Server.Api;
using Vigil.Server.Api.Contracts;

namespace Vigil.Server.Auth;

/// <summary>
/// The admin's work on users, for the API and the console alike: create, change roles, set a
/// password, disable. Each change is audited in its own transaction, ends the user's sessions
/// (new security stamp) and clears the cached directory. The separation of duties is the domain's
/// (<see cref="DutySeparation"/>): admin alone, auditors apart from operations, nobody changes their
/// own roles. An admin cannot lock themself out.
/// </summary>
internal sealed class UserAdmin(IDbContextFactory<VigilDbContext> contexts, AuditLog audit, UserDirectory directory, TimeProvider clock)
{
    public const string RolesProblem = "give one or more of: operator, dispatcher, supervisor, auditor, admin, sensor";

    public async Task<IReadOnlyList<UserDto>> ListAsync(CancellationToken ct)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return (await db.Users.AsNoTracking().OrderBy(u => u.NormalizedUserName).ToListAsync(ct).ConfigureAwait(false)).Select(ToDto).ToArray();
        }
    }

    public async Task<Outcome<UserDto>> CreateAsync(CreateUserRequest request, ClaimsPrincipal caller, CancellationToken ct)
    {
        if (Users.Check(request.UserName) is { } nameProblem)
        {
            return Outcome<UserDto>.Invalid("userName", nameProblem);
        }

        if (ParseRoles(request.Roles) is not { } roles)
        {
            return Outcome<UserDto>.Invalid("roles", RolesProblem);
        }

        if (DutySeparation.CheckRoles(roles) is { } separation)
        {
            return Outcome<UserDto>.Invalid("roles", separation);
        }

        bool machine = DutySeparation.IsMachine(roles);
        if (machine && !string.IsNullOrEmpty(request.Password))
        {
            return Outcome<UserDto>.Invalid("password", "a machine identity (sensor) signs in with API tokens only: leave the password out");
        }

        if (!machine && Passwords.Check(request.Password) is { } passwordProblem)
        {
            return Outcome<UserDto>.Invalid("password", passwordProblem);
        }

        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            string normalized = Users.Normalize(request.UserName!);
            if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct).ConfigureAwait(false))
            {
                return Outcome<UserDto>.Conflict($"A user named '{request.UserName}' already exists.");
            }

            // A machine identity's password is random and never shown: nobody can sign in with it.
            UserRecord user = Users.Create(request.UserName!, machine ? Passwords.Unusable() : request.Password!, roles, clock.GetUtcNow());
            db.Users.Add(user);
            await audit.SaveWithAsync(db, Actor(caller), AuditActions.UserCreated, $"user/{user.Id}", $"{user.UserName}: {user.Roles}", ct).ConfigureAwait(false);
            directory.Invalidate();
            return Outcome<UserDto>.Done(ToDto(user), StatusCodes.Status201Created);
        }
    }

    public Task<Outcome<UserDto>> SetRolesAsync(string id, IReadOnlyList<string>? roleNames, ClaimsPrincipal caller, CancellationToken ct) =>
        ChangeAsync(id, caller, user =>
        {
            if (DutySeparation.CheckRoleChange(Principals.IdOf(caller), user.Id) is { } self)
            {
                return (Outcome<UserDto>.Forbidden(char.ToUpperInvariant(self[0]) + self[1..] + "."), null);
            }

            if (ParseRoles(roleNames) is not { } roles)
            {
                return (Outcome<UserDto>.Invalid("roles", RolesProblem), null);
            }

            if (DutySeparation.CheckRoles(roles) is { } separation)
            {
                return (Outcome<UserDto>.Invalid("roles", separation), null);
            }

            if (DutySeparation.IsMachine(user.RoleList) != DutySeparation.IsMachine(roles))
            {
                return (Outcome<UserDto>.Invalid("roles", "a person cannot become a machine identity or the other way round; create a new account"), null);
            }

            string before = user.Roles;
            user.Roles = string.Join(',', roles);
            return (null, (AuditActions.UserRolesChanged, $"{user.UserName}: {before} -> {user.Roles}"));
        }, ct);

    /// <summary>
    /// Sets a person's password: their sessions end and their API tokens are revoked (whoever knew the
    /// old password may have made them). Machine identities have no password, so their tokens are
    /// never revoked this way (ADR 014).
    /// </summary>
    public Task<Outcome<UserDto>> SetPasswordAsync(string id, string? password, ClaimsPrincipal caller, CancellationToken ct) =>
        ChangeAsync(id, caller, user =>
        {
            if (DutySeparation.IsMachine(user.RoleList))
            {
                return (Outcome<UserDto>.Invalid("password", "a machine identity has no password; revoke its tokens instead"), null);
            }

            if (Passwords.Check(password) is { } problem)
            {
                return (Outcome<UserDto>.Invalid("password", problem), null);
            }

            user.PasswordHash = Passwords.Hash(user, password!);
            user.FailedSignIns = 0;
            user.LockedUntil = null;
            int revoked = RevokeTokens(user);
            return (null, (AuditActions.UserPasswordSet, revoked > 0 ? $"{user.UserName}; {revoked} API token(s) revoked" : user.UserName));
        }, ct);

    public Task<Outcome<UserDto>> DisableAsync(string id, ClaimsPrincipal caller, CancellationToken ct) =>
        ChangeAsync(id, caller, user =>
        {
            if (IsCaller(caller, user))
            {
                return (Outcome<UserDto>.Conflict("You cannot disable yourself; another admin can."), null);
            }

            user.Disabled = true;
            int revoked = RevokeTokens(user);
            return (null, (AuditActions.UserDisabled, revoked > 0 ? $"{user.UserName}; {revoked} API token(s) revoked" : user.UserName));
        }, ct);

    public static Outcome<UserDto> NoUser(string id) =>
        Outcome<UserDto>.NotFound(Ids.IsRecordId(id) ? $"No user '{id}'." : "No user with that id (user ids are 32 hex digits).");

    public static UserDto ToDto(UserRecord u) => new(u.Id, u.UserName, u.RoleList, u.Disabled, u.CreatedAt, u.LockedUntil);

    /// <summary>Loads the user, applies the change (or returns its refusal), renews the stamp, audits, saves.</summary>
    private async Task<Outcome<UserDto>> ChangeAsync(
        string id,
        ClaimsPrincipal caller,
        Func<UserRecord, (Outcome<UserDto>? Refusal, (string Action, string Detail)? Audit)> change,
        CancellationToken ct)
    {
        if (!Ids.IsRecordId(id))
        {
            return NoUser(id);
        }

        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (await db.Users.Include(u => u.Tokens).FirstOrDefaultAsync(u => u.Id == id, ct).ConfigureAwait(false) is not { } user)
            {
                return NoUser(id);
            }

            (Outcome<UserDto>? refusal, (string Action, string Detail)? entry) = change(user);
            if (refusal is not null)
            {
                return refusal;
            }

            user.SecurityStamp = Users.NewStamp();
            await audit.SaveWithAsync(db, Actor(caller), entry!.Value.Action, $"user/{user.Id}", entry.Value.Detail, ct).ConfigureAwait(false);
            directory.Invalidate();
            return Outcome<UserDto>.Done(ToDto(user));
        }
    }

    private static string[]? ParseRoles(IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0)
        {
            return null;
        }

        var roles = new List<string>();
        foreach (string name in names)
        {
            if (!Roles.TryParse(name, out string? role))
            {
                return null;
            }

            if (!roles.Contains(role))
            {
                roles.Add(role);
            }
        }

        return [.. roles];
    }

    private int RevokeTokens(UserRecord user)
    {
        DateTimeOffset now = clock.GetUtcNow();
        int revoked = 0;
        foreach (ApiTokenRecord token in user.Tokens.Where(t => t.RevokedAt is null))
        {
            token.RevokedAt = now;
            revoked++;
        }

        return revoked;
    }

    private static string Actor(ClaimsPrincipal caller) => Principals.ActorOf(caller);

    private static bool IsCaller(ClaimsPrincipal caller, UserRecord user) =>
        string.Equals(Principals.IdOf(caller), user.Id, StringComparison.Ordinal);
}
