using Vigil.Assets.Manifest;

namespace Vigil.Assets.Cache;

/// <summary>
/// Hands out paths of verified assets to the rest of the product. Every call re-checks the
/// checksum, so a file changed on disk after installation is never loaded.
/// </summary>
public sealed class AssetLocator(AssetManifest manifest, AssetCache cache)
{
    /// <summary>The manifest in use.</summary>
    public AssetManifest Manifest { get; } = manifest;

    /// <summary>The cache in use.</summary>
    public AssetCache Cache { get; } = cache;

    /// <summary>The locator for the embedded manifest and the environment's cache.</summary>
    public static AssetLocator Default() => new(AssetManifest.LoadEmbedded(), AssetCache.FromEnvironment());

    /// <summary>The path of a verified asset.</summary>
    /// <exception cref="AssetNotAvailableException">The asset is missing or its checksum does not match.</exception>
    public async Task<string> GetVerifiedPathAsync(string assetId, CancellationToken cancellationToken)
    {
        AssetEntry asset = Manifest[assetId];
        AssetStatus status = await AssetInspector.InspectAsync(Cache, asset, cancellationToken).ConfigureAwait(false);
        return status.State switch
        {
            AssetState.Verified => status.Path,
            AssetState.Missing => throw new AssetNotAvailableException(
                $"asset '{asset.Id}' is not installed at {status.Path}; run './vigil assets install'."),
            _ => throw new AssetNotAvailableException(
                $"asset '{asset.Id}' at {status.Path} has SHA-256 {status.ActualSha256}, expected {asset.Sha256}; run './vigil assets install' to restore it."),
        };
    }
}
