using System.Buffers;

namespace Vigil.Server.Api;

/// <summary>
/// The shapes ids have. Anything else (path tricks such as <c>../</c>, script, odd characters) is
/// answered 404 before it reaches the database or the file system.
/// </summary>
internal static class Ids
{
    private static readonly SearchValues<char> s_hex = SearchValues.Create("0123456789abcdef");
    private static readonly SearchValues<char> s_slug = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");

    /// <summary>Alert, user and token ids: 32 lower-case hex digits.</summary>
    public static bool IsRecordId(string id) => id.Length == 32 && !id.AsSpan().ContainsAnyExcept(s_hex);

    /// <summary>Camera ids from the configuration: letters, digits, '-' and '_'.</summary>
    public static bool IsSlug(string id) => id.Length is > 0 and <= 64 && !id.AsSpan().ContainsAnyExcept(s_slug);
}
