using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Server.Auth;

/// <summary>
/// API tokens: <c>vgl_</c> and 43 characters of 256 random bits. Only the SHA-256 is stored, which is
/// enough for random tokens (no salt or slow hash needed: there is nothing to guess).
/// </summary>
internal static class ApiTokens
{
    public const string Prefix = "vgl_";

    private static readonly SearchValues<char> s_base64Url = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static string Create() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether the text has the shape of a token (checked before any lookup).</summary>
    public static bool LooksValid(string token) =>
        token.Length == Prefix.Length + 43
        && token.StartsWith(Prefix, StringComparison.Ordinal)
        && !token.AsSpan(Prefix.Length).ContainsAnyExcept(s_base64Url);
}
