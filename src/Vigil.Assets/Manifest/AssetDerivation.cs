namespace Vigil.Assets.Manifest;

/// <summary>An asset Vigil makes itself from other assets, such as the ONNX model converted from TF.js.</summary>
/// <param name="Converter">The converter's name (<c>tfjs-to-onnx</c>).</param>
/// <param name="Inputs">Ids of the assets it reads, in the order the converter expects.</param>
/// <param name="InputSize">The model input size the converter is asked for, when it has one.</param>
public sealed record AssetDerivation(string Converter, IReadOnlyList<string> Inputs, int? InputSize)
{
    /// <summary>How a person would name the derivation.</summary>
    public string Describe() => $"{Converter} from {string.Join(" + ", Inputs)}";
}
