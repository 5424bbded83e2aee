using Vigil.Assets.Manifest;

namespace Vigil.Assets.Conversion;

/// <summary>The <c>tfjs-to-onnx</c> converter: inputs are the graph JSON and its weights file.</summary>
public sealed class TfjsOnnxDeriver : IAssetDeriver
{
    public string Name => "tfjs-to-onnx";

    public async Task DeriveAsync(AssetDerivation derivation, IReadOnlyList<string> inputPaths, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(derivation);
        ArgumentNullException.ThrowIfNull(inputPaths);

        // The graph names its weights file; the cache keeps the two side by side under the same names.
        string graph = inputPaths[0];
        byte[] model = await Task.Run(() => TfjsToOnnxConverter.Convert(graph, derivation.InputSize), cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(outputPath, model, cancellationToken).ConfigureAwait(false);
    }
}
