namespace Vigil.Assets.Conversion.Onnx;

/// <summary>A node attribute: exactly one of the value fields is set.</summary>
internal sealed record OnnxAttribute(string Name, long? Int = null, float? Float = null, string? Text = null, long[]? Ints = null, float[]? Floats = null)
{
    public static OnnxAttribute Of(string name, long value) => new(name, Int: value);

    public static OnnxAttribute Of(string name, float value) => new(name, Float: value);

    public static OnnxAttribute Of(string name, string value) => new(name, Text: value);

    public static OnnxAttribute Of(string name, params long[] values) => new(name, Ints: values);
}
