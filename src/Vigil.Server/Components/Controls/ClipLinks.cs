using System.Globalization;
using Vigil.Server.Api.Contracts;

namespace Vigil.Server.Components.Controls;

/// <summary>Links to the recordings page that play an alert's clip (with some timeline around it).</summary>
internal static class ClipLinks
{
    private static readonly TimeSpan s_margin = TimeSpan.FromSeconds(30);

    /// <summary>The recordings page playing the alert's clip, or null when its camera recorded nothing for it.</summary>
    public static string? Href(AlertDto alert, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.ClipFrom is not { } from)
        {
            return null;
        }

        DateTimeOffset to = (alert.ClipTo ?? now) + s_margin;
        return $"/recordings/{alert.CameraId}?from={Q(from - s_margin)}&to={Q(to)}&at={Q(from)}&alert={alert.Id}";
    }

    private static string Q(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
}
