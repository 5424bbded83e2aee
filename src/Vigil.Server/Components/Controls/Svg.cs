using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;

namespace Vigil.Server.Components.Controls;

/// <summary>
/// SVG pieces Razor cannot write itself (it reserves <c>&lt;text&gt;</c>). The content is always
/// HTML-encoded: labels can come from configuration.
/// </summary>
internal static class Svg
{
    public static MarkupString Text(double x, double y, string content) =>
        new(string.Create(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{y:0.#}\">{HtmlEncoder.Default.Encode(content)}</text>"));
}
