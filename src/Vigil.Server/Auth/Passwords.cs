using Microsoft.AspNetCore.Identity;
using Vigil.Data.Entities;

namespace Vigil.Server.Auth;

/// <summary>Password rules and hashing (ASP.NET Core Identity's PBKDF2 hasher).</summary>
internal static class Passwords
{
    public const int MinimumLength = 10;

    public const int MaximumLength = 256;

    private static readonly PasswordHasher<UserRecord> s_hasher = new();
    private static readonly Lazy<UserRecord> s_nobody = new(() => new UserRecord { Id = "", UserName = "", NormalizedUserName = "", PasswordHash = "", SecurityStamp = "" });
    private static readonly Lazy<string> s_nobodyHash = new(() => s_hasher.HashPassword(s_nobody.Value, Unusable()));

    /// <summary>Why a password is not acceptable, or null.</summary>
    public static string? Check(string? password) => password switch
    {
        null or "" => "a password is required",
        { Length: < MinimumLength } => $"the password must have at least {MinimumLength} characters",
        { Length: > MaximumLength } => $"the password must have at most {MaximumLength} characters",
        _ when string.IsNullOrWhiteSpace(password) => "the password cannot be only spaces",
        _ => null,
    };

    public static string Hash(UserRecord user, string password) => s_hasher.HashPassword(user, password);

    /// <summary>A random password nobody is told: for accounts that never sign in with one.</summary>
    public static string Unusable() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Spends the time of a real check against a hash no password matches, so that a sign-in with an
    /// unknown user name takes as long as one with a wrong password.
    /// </summary>
    public static void VerifyNothing(string password) =>
        s_hasher.VerifyHashedPassword(s_nobody.Value, s_nobodyHash.Value, password);

    /// <summary>Checks a password; <paramref name="rehash"/> is set when the stored hash should be upgraded.</summary>
    public static bool Verify(UserRecord user, string password, out bool rehash)
    {
        PasswordVerificationResult result = s_hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result != PasswordVerificationResult.Failed;
    }
}
