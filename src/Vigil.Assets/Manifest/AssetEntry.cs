namespace Vigil.Assets.Manifest;

/// <summary>One external file the product uses, as listed in <c>assets/manifest.json</c>.</summary>
/// <param name="Id">Stable identifier used by code and on the command line.</param>
/// <param name="File">Path of the file inside the asset cache.</param>
/// <param name="Source">The package and the path inside it; null for a derived asset.</param>
/// <param name="Derivation">How Vigil makes the asset from other assets; null for a packaged one.</param>
/// <param name="Sha256">Expected SHA-256 of the file, lower-case hex.</param>
/// <param name="Licence">The licence the file is used under.</param>
/// <param name="UsedBy">What in Vigil uses it, so an auditor can see why it is here.</param>
public sealed record AssetEntry(string Id, string File, AssetSource? Source, AssetDerivation? Derivation, string Sha256, string Licence, string UsedBy)
{
    /// <summary>Where the file comes from, in words.</summary>
    public string Origin => Source?.Describe() ?? Derivation?.Describe() ?? "unknown";
}
