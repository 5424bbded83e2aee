namespace Vigil.Assets.Conversion.Onnx;

/// <summary>A named float32 tensor with a static shape: graph inputs and outputs.</summary>
internal sealed record OnnxValueInfo(string Name, int[] Shape);
