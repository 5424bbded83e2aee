using System.Formats.Tar;

namespace Vigil.Assets.Installing;

/// <summary>
/// Copies named files out of a tar stream. Only the requested entries are ever written: every
/// other entry of the package (including models Vigil must never use) is skipped unread.
/// </summary>
internal static class ArchiveExtractor
{
    /// <summary>Extracts each wanted entry to its destination; returns the entry names found.</summary>
    /// <param name="tar">The uncompressed tar stream.</param>
    /// <param name="wanted">Entry path inside the archive (without a leading <c>./</c>) to destination file.</param>
    /// <param name="cancellationToken">Stops the extraction.</param>
    public static async Task<IReadOnlySet<string>> ExtractAsync(Stream tar, IReadOnlyDictionary<string, string> wanted, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (found.Count < wanted.Count && await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
            {
                continue;
            }

            string name = Normalize(entry.Name);
            if (!wanted.TryGetValue(name, out string? destination))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            await using (var output = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await entry.DataStream.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            }

            found.Add(name);
        }

        return found;
    }

    /// <summary>Entry names as the manifest writes them: forward slashes, no leading <c>./</c> or <c>/</c>.</summary>
    public static string Normalize(string entryName)
    {
        string name = entryName.Replace('\\', '/');
        while (name.StartsWith("./", StringComparison.Ordinal))
        {
            name = name[2..];
        }

        return name.TrimStart('/');
    }
}
