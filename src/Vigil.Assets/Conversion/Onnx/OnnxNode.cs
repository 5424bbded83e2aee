namespace Vigil.Assets.Conversion.Onnx;

/// <summary>One operator in the ONNX graph.</summary>
internal sealed record OnnxNode(string Name, string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyList<OnnxAttribute> Attributes);
