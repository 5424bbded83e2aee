using System.Globalization;

namespace Vigil.Server.Components.Controls;

/// <summary>How the console writes times, durations and names: the same everywhere.</summary>
internal static class Text
{
    /// <summary>Local wall-clock time of the server's zone, seconds included.</summary>
    public static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Seconds(double? seconds) => seconds is { } s
        ? s >= 120 ? string.Create(CultureInfo.InvariantCulture, $"{s / 60:0.0} min") : string.Create(CultureInfo.InvariantCulture, $"{s:0} s")
        : "–";

    /// <summary><c>en_route</c> → <c>en route</c>.</summary>
    public static string Words(string name) => name.Replace('_', ' ');

    public static string Lower<T>(T value)
        where T : struct, Enum => Words(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()));
}
