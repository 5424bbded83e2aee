using Microsoft.AspNetCore.Identity;
using Vigil.Data.Entities;

namespace Vigil.Server.Auth;

/// <summary>Password rules and hashing (ASP.NET Core Identity's PBKDF2 hasher).</summary>
internal static class Passwords
{
    public const int MinimumLength = 10;

    public const int MaximumLength = 256;

    private static readonly PasswordHasher<UserRecord> s_hasher = new();

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

    /// <summary>Checks a password; <paramref name="rehash"/> is set when the stored hash should be upgraded.</summary>
    public static bool Verify(UserRecord user, string password, out bool rehash)
    {
        PasswordVerificationResult result = s_hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result != PasswordVerificationResult.Failed;
    }
}
