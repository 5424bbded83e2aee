using Vigil.Assets.Conversion.Quantization;
using Vigil.Assets.Manifest;

namespace Vigil.Assets.Conversion;

/// <summary>
/// The <c>tfjs-to-onnx-int8</c> converter (issue 24): the TF.js graph converted as for
/// <c>tfjs-to-onnx</c>, then its convolutions statically quantized to INT8 (QDQ) with the shipped
/// calibration table for the input size.
/// </summary>
public sealed class TfjsInt8Deriver : IAssetDeriver
{
    public string Name => "tfjs-to-onnx-int8";

    public async Task DeriveAsync(AssetDerivation derivation, IReadOnlyList<string> inputPaths, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(derivation);
        ArgumentNullException.ThrowIfNull(inputPaths);
        int size = derivation.InputSize ?? throw new ConversionException("The INT8 conversion needs an inputSize (its calibration table is per size).");
        IReadOnlyDictionary<string, ActivationRange> ranges = Int8Ranges.Load(size);
        byte[] model = await Task.Run(() => Int8Conversion.Quantize(inputPaths[0], size, ranges), cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(outputPath, model, cancellationToken).ConfigureAwait(false);
    }
}
