using System.Formats.Tar;
using Vigil.Assets.Fetching;
using Vigil.Assets.Manifest;

namespace Vigil.Assets.Tests.Installing;

/// <summary>Serves packages built in memory, or fails like an offline package client.</summary>
internal sealed class FakePackageFetcher(IReadOnlyDictionary<string, byte[]> files, bool offline = false) : IPackageFetcher
{
    public int Fetches { get; private set; }

    public async Task<PackageArchive> OpenAsync(AssetSource source, string downloadDirectory, bool refetch, CancellationToken cancellationToken)
    {
        Fetches++;
        if (offline)
        {
            throw new ExternalCommandException("'npm pack pkg@1.0.0' failed (exit 1): npm error code ENOTFOUND");
        }

        var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach ((string name, byte[] content) in files)
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) }, cancellationToken);
            }
        }

        tar.Position = 0;
        return new PackageArchive(tar, "memory");
    }

    public static string Sha(byte[] content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
}
