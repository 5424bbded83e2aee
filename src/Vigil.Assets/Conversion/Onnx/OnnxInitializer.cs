namespace Vigil.Assets.Conversion.Onnx;

/// <summary>A constant tensor stored in the model: float32 or int64 data, row-major.</summary>
internal sealed record OnnxInitializer(string Name, long[] Dims, float[]? Floats, long[]? Int64s);
