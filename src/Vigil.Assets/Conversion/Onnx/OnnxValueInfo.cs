namespace Vigil.Assets.Conversion.Onnx;

/// <summary>
/// A named float32 tensor: graph inputs and outputs, with a shape (or none, for the extra outputs a
/// calibration run reads); a dimension of -1 is free and written under its name in
/// <paramref name="DimNames"/>.
/// </summary>
internal sealed record OnnxValueInfo(string Name, int[]? Shape, string?[]? DimNames = null);
