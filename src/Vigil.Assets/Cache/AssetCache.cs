using Vigil.Assets.Manifest;

namespace Vigil.Assets.Cache;

/// <summary>
/// The folder that holds installed assets (<c>$VIGIL_HOME</c>, default <c>~/.cache/vigil</c>):
/// <c>assets/</c> for verified files, <c>packages/</c> for downloaded package archives.
/// </summary>
public sealed class AssetCache
{
    /// <summary>Environment variable that moves the cache.</summary>
    public const string HomeVariable = "VIGIL_HOME";

    public AssetCache(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The cache root.</summary>
    public string Root { get; }

    /// <summary>Where verified asset files live.</summary>
    public string AssetsDirectory => Path.Combine(Root, "assets");

    /// <summary>Where downloaded package archives are kept, so a repair needs no network.</summary>
    public string PackagesDirectory => Path.Combine(Root, "packages");

    /// <summary>Written after a complete install; holds the manifest's SHA-256.</summary>
    public string InstalledMarkerPath => Path.Combine(AssetsDirectory, ".manifest.sha256");

    /// <summary>The cache named by <c>VIGIL_HOME</c>, or <c>~/.cache/vigil</c>.</summary>
    public static AssetCache FromEnvironment()
    {
        string? home = Environment.GetEnvironmentVariable(HomeVariable);
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "vigil");
        }

        return new AssetCache(home);
    }

    /// <summary>The path an asset has in the cache.</summary>
    public string PathOf(AssetEntry asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Path.Combine(AssetsDirectory, asset.File);
    }
}
