using Vigil.Assets.Manifest;

namespace Vigil.Assets.Fetching;

/// <summary>
/// Fetches Debian packages with <c>apt-get download</c> (no installation) and reads their file
/// tree with <c>dpkg-deb --fsys-tarfile</c>, the stream <c>dpkg -x</c> itself unpacks.
/// </summary>
public sealed class DebianPackageFetcher : IPackageFetcher
{
    public async Task<PackageArchive> OpenAsync(AssetSource source, string downloadDirectory, bool refetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        Directory.CreateDirectory(downloadDirectory);
        string pattern = $"{source.Package}_*.deb";
        if (refetch)
        {
            foreach (string stale in Directory.EnumerateFiles(downloadDirectory, pattern))
            {
                File.Delete(stale);
            }
        }

        string? archive = Directory.EnumerateFiles(downloadDirectory, pattern).Order(StringComparer.Ordinal).LastOrDefault();
        if (archive is null)
        {
            string request = source.Version is null ? source.Package : $"{source.Package}={source.Version}";
            await ExternalCommand.RunAsync("apt-get", ["download", "-q", request], downloadDirectory, cancellationToken).ConfigureAwait(false);
            archive = Directory.EnumerateFiles(downloadDirectory, pattern).Order(StringComparer.Ordinal).LastOrDefault()
                ?? throw new ExternalCommandException($"apt-get download {request} produced no .deb file.");
        }

        System.Diagnostics.Process process = ExternalCommand.Start("dpkg-deb", ["--fsys-tarfile", archive], downloadDirectory, redirectStdout: true);
        return new PackageArchive(process.StandardOutput.BaseStream, archive, process);
    }
}
