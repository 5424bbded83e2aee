namespace Vigil.Assets.Conversion.Onnx;

/// <summary>A named float32 tensor: graph inputs and outputs, with a static shape (or none, for the extra outputs a calibration run reads).</summary>
internal sealed record OnnxValueInfo(string Name, int[]? Shape);
