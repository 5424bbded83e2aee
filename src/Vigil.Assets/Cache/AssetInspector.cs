using Vigil.Assets.Manifest;

namespace Vigil.Assets.Cache;

/// <summary>Reads the cache and checks every asset against its manifest checksum.</summary>
public static class AssetInspector
{
    /// <summary>Inspects one asset.</summary>
    public static async Task<AssetStatus> InspectAsync(AssetCache cache, AssetEntry asset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(asset);
        string path = cache.PathOf(asset);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return new AssetStatus(asset, AssetState.Missing, path, null, null);
        }

        string actual = await Checksums.Sha256OfFileAsync(path, cancellationToken).ConfigureAwait(false);
        AssetState state = actual.Equals(asset.Sha256, StringComparison.Ordinal) ? AssetState.Verified : AssetState.ChecksumMismatch;
        return new AssetStatus(asset, state, path, info.Length, actual);
    }

    /// <summary>Inspects every asset of the manifest, in manifest order.</summary>
    public static async Task<IReadOnlyList<AssetStatus>> InspectAllAsync(AssetCache cache, AssetManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var result = new List<AssetStatus>(manifest.Assets.Count);
        foreach (AssetEntry asset in manifest.Assets)
        {
            result.Add(await InspectAsync(cache, asset, cancellationToken).ConfigureAwait(false));
        }

        return result;
    }
}
