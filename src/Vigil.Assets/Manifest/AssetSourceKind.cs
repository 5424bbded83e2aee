namespace Vigil.Assets.Manifest;

/// <summary>Which ordinary package client brings an asset's package.</summary>
public enum AssetSourceKind
{
    /// <summary>An npm package, fetched with <c>npm pack NAME@VERSION</c>.</summary>
    Npm,

    /// <summary>A Debian package, fetched with <c>apt-get download NAME</c>.</summary>
    Deb,
}
