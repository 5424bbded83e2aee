namespace Vigil.Assets.Conversion.Onnx;

/// <summary>
/// A constant tensor stored in the model, row-major: float32 or int64 data, or raw little-endian
/// bytes of another element type (<see cref="RawType"/>: ONNX's TensorProto.DataType, e.g. 3 for int8).
/// </summary>
internal sealed record OnnxInitializer(string Name, long[] Dims, float[]? Floats, long[]? Int64s, byte[]? Raw = null, int RawType = 0);
