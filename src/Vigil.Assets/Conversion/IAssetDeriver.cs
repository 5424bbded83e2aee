using Vigil.Assets.Manifest;

namespace Vigil.Assets.Conversion;

/// <summary>Makes a derived asset from verified input assets (e.g. TF.js → ONNX).</summary>
public interface IAssetDeriver
{
    /// <summary>The converter name the manifest uses.</summary>
    string Name { get; }

    /// <summary>Writes the derived file to <paramref name="outputPath"/>.</summary>
    /// <exception cref="ConversionException">The inputs cannot be converted.</exception>
    Task DeriveAsync(AssetDerivation derivation, IReadOnlyList<string> inputPaths, string outputPath, CancellationToken cancellationToken);
}
