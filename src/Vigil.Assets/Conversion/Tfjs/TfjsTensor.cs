namespace Vigil.Assets.Conversion.Tfjs;

/// <summary>A constant tensor of the TF.js graph: float32 (dequantised) or integer data, row-major.</summary>
internal sealed record TfjsTensor(int[] Shape, float[]? Floats, long[]? Ints)
{
    public int ElementCount => Shape.Aggregate(1, (a, b) => a * b);

    public static TfjsTensor Int(int[] shape, long[] values) => new(shape, null, values);

    public long[] RequireInts(string what) => Ints ?? throw new ConversionException($"{what} must be an integer constant.");

    public float[] RequireFloats(string what) => Floats ?? throw new ConversionException($"{what} must be a float constant.");
}
