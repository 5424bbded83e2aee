using System.Text.RegularExpressions;
using Vigil.Data.Entities;

namespace Vigil.Server.Auth;

/// <summary>User names and new user records.</summary>
internal static partial class Users
{
    /// <summary>
    /// Names the server itself signs with in the audit log ("system", "anonymous", ...), or that would
    /// read as such: no account may take them, so no person can pass for the server.
    /// </summary>
    public static IReadOnlyList<string> Reserved { get; } = ["system", "anonymous", "unknown", "server", "vigil", "root", "public", "everyone", "nobody"];

    public static string Normalize(string userName) => userName.Trim().ToUpperInvariant();

    /// <summary>Why a user name is not acceptable, or null: 2-64 letters, digits, '.', '_' or '-', and not reserved.</summary>
    public static string? Check(string? userName) =>
        userName is null || !UserNamePattern().IsMatch(userName)
            ? "the user name must be 2 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit"
            : Reserved.Contains(userName, StringComparer.OrdinalIgnoreCase)
                ? $"'{userName}' is reserved for the server's own entries in the audit log; choose another name"
                : null;

    public static UserRecord Create(string userName, string password, IEnumerable<string> roles, DateTimeOffset now)
    {
        var user = new UserRecord
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            UserName = userName,
            NormalizedUserName = Normalize(userName),
            PasswordHash = "",
            Roles = string.Join(',', roles),
            CreatedAt = now,
            SecurityStamp = NewStamp(),
        };
        user.PasswordHash = Passwords.Hash(user, password);
        return user;
    }

    public static string NewStamp() => Guid.NewGuid().ToString("N");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$")]
    private static partial Regex UserNamePattern();
}
