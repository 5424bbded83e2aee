using Vigil.Assets.Manifest;

namespace Vigil.Assets.Installing;

/// <summary>An asset the installer could not bring into the cache, and why.</summary>
public sealed record AssetInstallFailure(AssetEntry Asset, string Reason);
