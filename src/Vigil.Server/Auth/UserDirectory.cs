using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Entities;

namespace Vigil.Server.Auth;

/// <summary>
/// Turns credentials into principals: API tokens by their hash, sessions by their user's security
/// stamp. Answers are cached for a few seconds (an API under load must not hit the database for
/// every request); any change to users or tokens clears the cache at once, so a revoked token or
/// a removed role stops working on the next request.
/// </summary>
internal sealed class UserDirectory(IDbContextFactory<VigilDbContext> contexts, TimeProvider clock)
{
    private static readonly TimeSpan s_cacheFor = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (ClaimsPrincipal? Principal, DateTimeOffset Until)> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string? Stamp, DateTimeOffset Until)> _stamps = new(StringComparer.Ordinal);

    /// <summary>The principal for a bearer token, or null when it is unknown, revoked, expired or its user disabled.</summary>
    public async Task<ClaimsPrincipal?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (!ApiTokens.LooksValid(token))
        {
            return null;
        }

        string hash = ApiTokens.Hash(token);
        DateTimeOffset now = clock.GetUtcNow();
        if (_tokens.TryGetValue(hash, out (ClaimsPrincipal? Principal, DateTimeOffset Until) cached) && cached.Until > now)
        {
            return cached.Principal;
        }

        VigilDbContext db = contexts.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            ApiTokenRecord? record = await db.ApiTokens.AsNoTracking().Include(t => t.User)
                .FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken).ConfigureAwait(false);
            ClaimsPrincipal? principal = record is { RevokedAt: null, User: { Disabled: false } user } && (record.ExpiresAt is null || record.ExpiresAt > now)
                ? CreatePrincipal(user, AuthSchemes.Token)
                : null;
            DateTimeOffset until = now + s_cacheFor;
            if (record?.ExpiresAt is { } expires && expires < until)
            {
                until = expires;
            }

            _tokens[hash] = (principal, until);
            return principal;
        }
    }

    /// <summary>Whether a session's stamp still matches its (enabled) user.</summary>
    public async Task<bool> IsSessionCurrentAsync(string userId, string stamp, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        if (!_stamps.TryGetValue(userId, out (string? Stamp, DateTimeOffset Until) cached) || cached.Until <= now)
        {
            VigilDbContext db = contexts.CreateDbContext();
            await using (db.ConfigureAwait(false))
            {
                string? current = await db.Users.AsNoTracking().Where(u => u.Id == userId && !u.Disabled)
                    .Select(u => u.SecurityStamp).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                cached = (current, now + s_cacheFor);
                _stamps[userId] = cached;
            }
        }

        return cached.Stamp is not null && string.Equals(cached.Stamp, stamp, StringComparison.Ordinal);
    }

    /// <summary>Forgets every cached answer (after any change to users or tokens).</summary>
    public void Invalidate()
    {
        _tokens.Clear();
        _stamps.Clear();
    }

    public static ClaimsPrincipal CreatePrincipal(UserRecord user, string scheme)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.UserName));
        identity.AddClaim(new Claim(AuthSchemes.StampClaim, user.SecurityStamp));
        foreach (string role in user.RoleList)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        return new ClaimsPrincipal(identity);
    }
}
