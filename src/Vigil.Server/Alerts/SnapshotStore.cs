using Microsoft.Extensions.Options;
using Vigil.Server.Hosting;
using Vigil.Vision.Redaction;

namespace Vigil.Server.Alerts;

/// <summary>
/// Alert snapshots on disk: <c>DATA/media/snapshots/CAMERA/ALERT.jpg</c>. It stores only a
/// <see cref="RedactedJpeg"/>, which only a redacted frame can make; a file is written to a temporary name and
/// renamed, so a crash never leaves a half-written snapshot under a real name.
/// </summary>
internal sealed class SnapshotStore(IOptions<ServerOptions> options)
{
    private readonly string _root = Path.Combine(options.Value.ResolvedDataDirectory, "media", "snapshots");

    /// <summary>Writes a snapshot and returns its media name (<c>CAMERA/ALERT.jpg</c>).</summary>
    public async Task<string> SaveAsync(string cameraId, string alertId, RedactedJpeg jpeg, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        string name = $"{cameraId}/{alertId}.jpg";
        string path = PathOf(name) ?? throw new InvalidOperationException($"Bad snapshot name '{name}'.");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string partial = path + ".partial";
        await File.WriteAllBytesAsync(partial, jpeg.Bytes, cancellationToken).ConfigureAwait(false);
        File.Move(partial, path, overwrite: true);
        return name;
    }

    /// <summary>Every file under the snapshot folder (media names, <c>.partial</c> leftovers included) with its last write time.</summary>
    public IEnumerable<(string Name, DateTimeOffset WrittenAt)> Files()
    {
        if (!Directory.Exists(_root))
        {
            yield break;
        }

        foreach (string path in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            yield return (Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/'), new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero));
        }
    }

    /// <summary>The file of a media name, or null when the name would leave the snapshot folder.</summary>
    public string? PathOf(string name)
    {
        string full = Path.GetFullPath(Path.Combine(_root, name));
        return full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
