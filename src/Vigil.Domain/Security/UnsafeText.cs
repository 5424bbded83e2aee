using System.Globalization;

namespace Vigil.Domain.Security;

/// <summary>
/// Text that cannot travel: characters XML 1.0 refuses (C0 controls other than tab and line breaks,
/// U+FFFE, U+FFFF) and halves of surrogate pairs, which no UTF-8 encoder writes. Such text must be
/// refused where it comes in (API bodies, the configuration), never stored: a warning or an incident
/// holding it could never be published as CAP or exchanged as EIDO.
/// </summary>
public static class UnsafeText
{
    /// <summary>The index of the first character that cannot travel, or -1.</summary>
    public static int IndexOfUnsafe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }

            if (char.IsLowSurrogate(c) || c is '\uFFFE' or '\uFFFF' || (c < ' ' && c is not '\t' and not '\n' and not '\r'))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Why the text cannot be accepted, in words for a problem or a config error, or null when it can.</summary>
    public static string? Check(string? text)
    {
        if (text is null || IndexOfUnsafe(text) is var at && at < 0)
        {
            return null;
        }

        string code = ((int)text[at]).ToString("X4", CultureInfo.InvariantCulture);
        string what = char.IsSurrogate(text[at]) ? $"an unpaired surrogate (U+{code})" : $"U+{code}";
        return $"holds {what} at position {at + 1}, which XML and JSON cannot carry; remove it";
    }
}
