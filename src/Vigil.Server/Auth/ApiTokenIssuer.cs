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
/// Creates, lists and revokes API tokens for <c>/api/me/tokens</c> (a person's own) and
/// <c>/api/users/{id}/tokens</c> (the admin's, for machine identities only): a token acts as one
/// user, so only that user makes it (<see cref="DutySeparation.CheckTokenIssuer"/>). Every creation
/// and revocation is audited and clears the cached directory.
/// </summary>
internal sealed class ApiTokenIssuer(IDbContextFactory<VigilDbContext> contexts, AuditLog audit, UserDirectory directory, TimeProvider clock)
{
    public const int MaxTokenDays = 366;

    public async Task<Outcome<CreatedTokenDto>> CreateAsync(string userId, CreateTokenRequest request, ClaimsPrincipal caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Name) || Problems.CheckText(request.Name, 100) is not null)
        {
            return Outcome<CreatedTokenDto>.Invalid("name", "say what the token is for, in 1 to 100 characters without control characters");
        }

        int days = request.ExpiresInDays ?? 90;
        if (days is < 1 or > MaxTokenDays)
        {
            return Outcome<CreatedTokenDto>.Invalid("expiresInDays", $"must be between 1 and {MaxTokenDays}");
        }

        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (!Ids.IsRecordId(userId) || await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct).ConfigureAwait(false) is not { } user)
            {
                return Outcome<CreatedTokenDto>.NotFound(UserAdmin.NoUser(userId).Detail!);
            }

            if (DutySeparation.CheckTokenIssuer(Principals.IdOf(caller), user.Id, user.RoleList) is { } refusal)
            {
                return Outcome<CreatedTokenDto>.Forbidden(refusal);
            }

            if (user.Disabled)
            {
                return Outcome<CreatedTokenDto>.Conflict($"{user.UserName} is disabled; a disabled user gets no tokens.");
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
            await audit.SaveWithAsync(db, Principals.ActorOf(caller), AuditActions.TokenCreated, $"user/{user.Id}/token/{record.Id}", $"{user.UserName}: {record.Name} ({record.Prefix}…, {days} days)", ct).ConfigureAwait(false);
            return Outcome<CreatedTokenDto>.Done(new CreatedTokenDto(record.Id, record.Name, record.Prefix, token, record.CreatedAt, record.ExpiresAt), StatusCodes.Status201Created);
        }
    }

    public async Task<IReadOnlyList<TokenDto>?> ListAsync(string userId, CancellationToken ct)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (!Ids.IsRecordId(userId) || !await db.Users.AnyAsync(u => u.Id == userId, ct).ConfigureAwait(false))
            {
                return null;
            }

            List<ApiTokenRecord> tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(ct).ConfigureAwait(false);
            return tokens.OrderBy(t => t.CreatedAt).Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt)).ToArray();
        }
    }

    /// <summary>Revokes one of the user's tokens; false when the user has no such token.</summary>
    public async Task<bool> RevokeAsync(string userId, string tokenId, ClaimsPrincipal caller, CancellationToken ct)
    {
        if (!Ids.IsRecordId(userId) || !Ids.IsRecordId(tokenId))
        {
            return false;
        }

        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct).ConfigureAwait(false) is not { } token)
            {
                return false;
            }

            token.RevokedAt ??= clock.GetUtcNow();
            await audit.SaveWithAsync(db, Principals.ActorOf(caller), AuditActions.TokenRevoked, $"user/{userId}/token/{tokenId}", token.Name, ct).ConfigureAwait(false);
            directory.Invalidate();
            return true;
        }
    }
}
