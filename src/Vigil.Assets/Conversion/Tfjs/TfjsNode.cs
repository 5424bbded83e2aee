using System.Text;
using System.Text.Json;

namespace Vigil.Assets.Conversion.Tfjs;

/// <summary>One node of a TF.js graph model (<c>modelTopology.node[]</c>).</summary>
internal sealed record TfjsNode(string Name, string Op, IReadOnlyList<string> Inputs, JsonElement Attributes)
{
    /// <summary>A list-of-ints attribute such as <c>strides</c>.</summary>
    public long[] IntList(string name) =>
        Attributes.TryGetProperty(name, out JsonElement a) && a.TryGetProperty("list", out JsonElement list) && list.TryGetProperty("i", out JsonElement items)
            ? items.EnumerateArray().Select(i => long.Parse(i.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : [];

    /// <summary>A string attribute (stored base64-encoded) such as <c>padding</c>.</summary>
    public string? Text(string name) =>
        Attributes.TryGetProperty(name, out JsonElement a) && a.TryGetProperty("s", out JsonElement s)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(s.GetString()!))
            : null;

    public float? Float(string name) =>
        Attributes.TryGetProperty(name, out JsonElement a) && a.TryGetProperty("f", out JsonElement f) ? f.GetSingle() : null;

    public bool? Bool(string name) =>
        Attributes.TryGetProperty(name, out JsonElement a) && a.TryGetProperty("b", out JsonElement b) ? b.GetBoolean() : null;
}
