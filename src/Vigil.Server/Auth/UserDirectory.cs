using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Users;

namespace Vigil.Server.Auth;

/// <summary>
/// Turns credentials into principals and says whether a principal is still good: API tokens by their
/// hash, sessions by their server-side record and their user's security stamp. Answers are cached
/// for a few seconds (an API under load must not hit the database for every request); any change to
/// users, sessions or tokens clears the cache at once and raises <see cref="Changed"/>, so a revoked
/// token, an ended session or a removed role stops working on the next request, and open streams
/// are ended by <see cref="SessionWatch"/>.
/// </summary>
internal sealed class UserDirectory(IDbContextFactory<VigilDbContext> contexts, TimeProvider clock)
{
    private static readonly TimeSpan s_cacheFor = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (ClaimsPrincipal? Principal, DateTimeOffset Until)> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (bool Valid, DateTimeOffset Until)> _tokenIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string? Stamp, DateTimeOffset Until)> _stamps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (bool Open, DateTimeOffset Until)> _sessions = new(StringComparer.Ordinal);

    /// <summary>Raised after any change to users, sessions or tokens (on the changing caller's thread; handlers return at once).</summary>
    public event Action? Changed;

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
            ClaimsPrincipal? principal = record is { User: { } user } && IsUsable(record, now)
                ? CreatePrincipal(user, AuthSchemes.Token, tokenId: record.Id)
                : null;
            _tokens[hash] = (principal, CacheUntil(record, now));
            return principal;
        }
    }

    /// <summary>
    /// Whether the credential this principal came from still holds: its user is enabled with the same
    /// security stamp, and its session is not ended (cookie) or its token not revoked or expired.
    /// </summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        string? id = principal.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        string? stamp = principal.FindFirst(AuthSchemes.StampClaim)?.Value;
        if (id is null || stamp is null || !await IsStampCurrentAsync(id, stamp, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (principal.FindFirst(AuthSchemes.SessionClaim)?.Value is { } session)
        {
            return await IsSessionOpenAsync(session, id, cancellationToken).ConfigureAwait(false);
        }

        return principal.FindFirst(AuthSchemes.TokenClaim)?.Value is { } token
            && await IsTokenUsableAsync(token, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a new session for a password sign-in (saved with the caller's sign-in entry) and returns its id.</summary>
    public static string AddSession(VigilDbContext db, UserRecord user, IPAddress? client, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        db.Sessions.Add(new SessionRecord { Id = id, UserId = user.Id, CreatedAt = now, ClientAddress = client?.ToString() });
        return id;
    }

    /// <summary>Ends a session (sign-out) in the caller's context, to be saved with its audit entry.</summary>
    public async Task EndSessionAsync(VigilDbContext db, string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken).ConfigureAwait(false) is { } session)
        {
            session.EndedAt ??= clock.GetUtcNow();
        }
    }

    /// <summary>Forgets every cached answer (after any change to users, sessions or tokens) and tells <see cref="Changed"/>.</summary>
    public void Invalidate()
    {
        _tokens.Clear();
        _tokenIds.Clear();
        _stamps.Clear();
        _sessions.Clear();
        Changed?.Invoke();
    }

    /// <summary>A principal for the user, with the roles the separation of duties lets the account act with.</summary>
    public static ClaimsPrincipal CreatePrincipal(UserRecord user, string scheme, string? sessionId = null, string? tokenId = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.UserName));
        identity.AddClaim(new Claim(AuthSchemes.StampClaim, user.SecurityStamp));
        if (sessionId is not null)
        {
            identity.AddClaim(new Claim(AuthSchemes.SessionClaim, sessionId));
        }

        if (tokenId is not null)
        {
            identity.AddClaim(new Claim(AuthSchemes.TokenClaim, tokenId));
        }

        foreach (string role in DutySeparation.Effective(user.RoleList))
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        return new ClaimsPrincipal(identity);
    }

    private async Task<bool> IsStampCurrentAsync(string userId, string stamp, CancellationToken cancellationToken)
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

    private async Task<bool> IsSessionOpenAsync(string sessionId, string userId, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        if (!_sessions.TryGetValue(sessionId, out (bool Open, DateTimeOffset Until) cached) || cached.Until <= now)
        {
            VigilDbContext db = contexts.CreateDbContext();
            await using (db.ConfigureAwait(false))
            {
                bool open = await db.Sessions.AsNoTracking()
                    .AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null, cancellationToken).ConfigureAwait(false);
                cached = (open, now + s_cacheFor);
                _sessions[sessionId] = cached;
            }
        }

        return cached.Open;
    }

    private async Task<bool> IsTokenUsableAsync(string tokenId, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        if (!_tokenIds.TryGetValue(tokenId, out (bool Valid, DateTimeOffset Until) cached) || cached.Until <= now)
        {
            VigilDbContext db = contexts.CreateDbContext();
            await using (db.ConfigureAwait(false))
            {
                ApiTokenRecord? record = await db.ApiTokens.AsNoTracking().Include(t => t.User)
                    .FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken).ConfigureAwait(false);
                cached = (record is not null && IsUsable(record, now), CacheUntil(record, now));
                _tokenIds[tokenId] = cached;
            }
        }

        return cached.Valid;
    }

    private static bool IsUsable(ApiTokenRecord record, DateTimeOffset now) =>
        record is { RevokedAt: null, User.Disabled: false } && (record.ExpiresAt is null || record.ExpiresAt > now);

    /// <summary>An answer is kept a few seconds, and never past the token's expiry.</summary>
    private static DateTimeOffset CacheUntil(ApiTokenRecord? record, DateTimeOffset now)
    {
        DateTimeOffset until = now + s_cacheFor;
        return record?.ExpiresAt is { } expires && expires < until ? expires : until;
    }
}
