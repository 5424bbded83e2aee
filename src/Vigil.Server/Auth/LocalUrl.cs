namespace Vigil.Server.Auth;

/// <summary>
/// Where a browser may be sent after sign-in: a path on this server and nothing else. Browsers read
/// <c>/\host</c> and <c>/&lt;tab&gt;/host</c> as <c>//host</c> (another origin), so anything but a
/// plain rooted path of printable characters is refused.
/// </summary>
internal static class LocalUrl
{
    public const string Home = "/";

    /// <summary>The return URL when it is safe, else <see cref="Home"/>.</summary>
    public static string OrHome(string? returnUrl) => IsLocal(returnUrl) ? returnUrl! : Home;

    public static bool IsLocal(string? url) =>
        url is { Length: > 0 and <= 2048 }
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => c is '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
        && !url.Contains("%5c", StringComparison.OrdinalIgnoreCase)
        && !url.Contains("%09", StringComparison.Ordinal) && !url.Contains("%0a", StringComparison.OrdinalIgnoreCase) && !url.Contains("%0d", StringComparison.OrdinalIgnoreCase);
}
