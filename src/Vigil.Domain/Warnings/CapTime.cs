using System.Globalization;

namespace Vigil.Domain.Warnings;

/// <summary>
/// CAP's date-time form: <c>2026-11-27T04:50:00-05:00</c>, whole seconds, always an offset; UTC is
/// written <c>-00:00</c>, never <c>Z</c> (CAP 1.2 §3.3.2).
/// </summary>
public static class CapTime
{
    public static string Format(DateTimeOffset at)
    {
        DateTimeOffset whole = new(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), at.Offset);
        string text = whole.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return whole.Offset == TimeSpan.Zero ? text[..^6] + "-00:00" : text;
    }
}
