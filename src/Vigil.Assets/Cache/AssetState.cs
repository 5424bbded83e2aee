namespace Vigil.Assets.Cache;

/// <summary>What the cache holds for one asset.</summary>
public enum AssetState
{
    /// <summary>No file in the cache.</summary>
    Missing,

    /// <summary>The file is there and its SHA-256 matches the manifest.</summary>
    Verified,

    /// <summary>The file is there but its SHA-256 differs from the manifest: it must not be used.</summary>
    ChecksumMismatch,
}
