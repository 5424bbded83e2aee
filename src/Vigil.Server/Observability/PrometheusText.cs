using System.Globalization;
using System.Text;

namespace Vigil.Server.Observability;

/// <summary>The Prometheus text exposition format (version 0.0.4), just what Vigil writes.</summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static void Header(StringBuilder text, string name, string help, string type) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    public static void Sample(StringBuilder text, string name, string labels, double value) =>
        text.Append(name).Append(labels).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');

    /// <summary>A metric with one sample and no labels: its header, then its value.</summary>
    public static void Single(StringBuilder text, string name, string help, string type, double value)
    {
        Header(text, name, help, type);
        Sample(text, name, "", value);
    }

    /// <summary><c>{a="x",b="y"}</c> with values escaped, or empty without labels.</summary>
    public static string Labels(string[] names, ReadOnlySpan<string> values)
    {
        if (names.Length != values.Length)
        {
            throw new ArgumentException($"Expected {names.Length} label values, got {values.Length}.", nameof(values));
        }

        if (names.Length == 0)
        {
            return "";
        }

        var b = new StringBuilder("{");
        for (int i = 0; i < names.Length; i++)
        {
            if (i > 0)
            {
                b.Append(',');
            }

            b.Append(names[i]).Append("=\"")
                .Append(values[i].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal))
                .Append('"');
        }

        return b.Append('}').ToString();
    }
}
