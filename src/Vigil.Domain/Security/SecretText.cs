using System.Text.RegularExpressions;

namespace Vigil.Domain.Security;

/// <summary>
/// The one place where a source's secrets are taken out of text that people see: a camera, sensor or
/// broker URL carries credentials in its user info (<c>rtsp://user:password@host</c>) and often in
/// its query (<c>?token=…</c>). Every URL shown in a response or written to a log goes through
/// <see cref="RedactUrl"/>; every message that may quote one (ffmpeg's and ffprobe's errors echo
/// their input) goes through <see cref="Scrub"/>.
/// </summary>
public static partial class SecretText
{
    /// <summary>What stands where a secret was.</summary>
    public const string Mask = "***";

    /// <summary>Secrets shorter than this are masked only inside URLs, never as bare words (they would mangle text).</summary>
    private const int MinimumBareSecretLength = 4;

    /// <summary>
    /// The URL as it may be shown: user info replaced by <see cref="Mask"/>, query and fragment
    /// removed (<c>rtsp://***@host/path</c>). Text that is not a URL (a file path) is returned as it is.
    /// </summary>
    public static string RedactUrl(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        int scheme = source.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            return source;
        }

        int start = scheme + 3;
        int end = source.AsSpan(start).IndexOfAny('?', '#');
        string rest = end < 0 ? source[start..] : source[start..(start + end)];

        // The last '@' ends the user info, even when a password holds a '/' or an '@' of its own.
        int at = rest.LastIndexOf('@');
        return at < 0 ? source[..(start + rest.Length)] : string.Concat(source.AsSpan(0, start), Mask, rest.AsSpan(at));
    }

    /// <summary>
    /// The text with every URL in it redacted as <see cref="RedactUrl"/> does and, when the
    /// <paramref name="source"/> it is about is given, that source's user name, password and query
    /// values masked wherever they appear (a tool may print them decoded or on their own).
    /// </summary>
    public static string Scrub(string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        string scrubbed = UrlInText().Replace(text, m => RedactUrl(m.Value));
        if (source is null)
        {
            return scrubbed;
        }

        foreach (string secret in SecretsOf(source))
        {
            if (secret.Length >= MinimumBareSecretLength)
            {
                scrubbed = scrubbed.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return scrubbed;
    }

    /// <summary>The secrets a source URL holds: user info parts and query values, as written and decoded.</summary>
    private static IEnumerable<string> SecretsOf(string source)
    {
        int scheme = source.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            yield break;
        }

        int start = scheme + 3;
        int queryAt = source.IndexOf('?', start);
        string beforeQuery = queryAt < 0 ? source[start..] : source[start..queryAt];
        int at = beforeQuery.LastIndexOf('@');
        var found = new List<string>();
        if (at > 0)
        {
            string userInfo = beforeQuery[..at];
            found.Add(userInfo);
            found.AddRange(userInfo.Split(':', 2));
        }

        if (queryAt >= 0)
        {
            string query = source[(queryAt + 1)..].Split('#', 2)[0];
            found.Add(query);
            foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                found.Add(pair.Split('=', 2)[^1]);
            }
        }

        // Longest first, so that a whole user info is masked before its parts.
        foreach (string secret in found.SelectMany(s => new[] { s, Decode(s) }).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length))
        {
            yield return secret;
        }
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    /// <summary>A URL inside free text: a scheme, '://', and everything up to white space or a quote or bracket.</summary>
    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9+.\-]*://[^\s'""<>()\[\]{}]+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlInText();
}
