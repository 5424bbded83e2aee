using System.Globalization;
using Microsoft.Extensions.Options;
using Vigil.Data.Originals;
using Vigil.Server.Hosting;
using Vigil.Vision.Recording;

namespace Vigil.Server.Originals;

/// <summary>
/// The sealed originals on disk (issue 22): <c>DATA/originals/CAMERA/START-END.vseg</c>, each one
/// segment sealed by <see cref="OriginalKeys"/> before it is written (a <c>.partial</c> renamed when
/// whole, owner-only). The file names are the index: times in UTC ticks, checked against the sealed
/// header when a segment is opened. Nothing here hands out pixels: the unmask view decodes what
/// <see cref="OpenRangeAsync"/> returns, for an approved request only.
/// </summary>
internal sealed class OriginalStore(IOptions<ServerOptions> options, OriginalKeyring keyring)
{
    private const string Extension = ".vseg";
    private readonly string _root = Path.Combine(options.Value.ResolvedDataDirectory, "originals");

    public async Task WriteAsync(string cameraId, OriginalChunk chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        string folder = Folder(cameraId);
        string path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{chunk.Start.UtcTicks}-{chunk.End.UtcTicks}{Extension}"));
        byte[] sealedSegment = keyring.Keys.Seal(cameraId, chunk.Start, chunk.End, chunk.Stream);
        Array.Clear(chunk.Stream);
        string partial = path + ".partial";
        var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        FileStream stream = new(partial, file);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(sealedSegment, cancellationToken).ConfigureAwait(false);
        }

        File.Move(partial, path, overwrite: true);
    }

    /// <summary>The camera's segments overlapping [from, to), oldest first.</summary>
    public IReadOnlyList<OriginalSegmentFile> List(string cameraId, DateTimeOffset from, DateTimeOffset to) =>
        [.. All(cameraId).Where(s => s.End > from && s.Start < to).OrderBy(s => s.Start)];

    /// <summary>The camera's stream for the range, opened segment by segment, each with what to skip and play of it (each authenticated; one that fails throws, never plays).</summary>
    public async IAsyncEnumerable<OriginalPiece> OpenRangeAsync(string cameraId, DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (OriginalSegmentFile segment in List(cameraId, from, to))
        {
            byte[] stream = await OpenAsync(cameraId, segment, cancellationToken).ConfigureAwait(false);
            DateTimeOffset start = segment.Start > from ? segment.Start : from;
            DateTimeOffset end = segment.End < to ? segment.End : to;
            yield return new OriginalPiece(stream, segment.Start, start - segment.Start, end - start);
        }
    }

    /// <summary>Checks that every segment of the range opens; returns the first that does not, with why, or null.</summary>
    public async Task<string?> VerifyRangeAsync(string cameraId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        foreach (OriginalSegmentFile segment in List(cameraId, from, to))
        {
            try
            {
                byte[] stream = await OpenAsync(cameraId, segment, cancellationToken).ConfigureAwait(false);
                Array.Clear(stream);
            }
            catch (OriginalIntegrityException ex)
            {
                return $"{Path.GetFileName(segment.Path)}: {ex.Message}";
            }
        }

        return null;
    }

    private async Task<byte[]> OpenAsync(string cameraId, OriginalSegmentFile segment, CancellationToken cancellationToken)
    {
        byte[] sealedSegment = await File.ReadAllBytesAsync(segment.Path, cancellationToken).ConfigureAwait(false);
        byte[] stream = keyring.Keys.Open(sealedSegment, cameraId, out DateTimeOffset start, out DateTimeOffset end);
        if (start != segment.Start || end != segment.End)
        {
            throw new OriginalIntegrityException($"it was sealed for {start:u} to {end:u}: the file was renamed");
        }

        return stream;
    }

    /// <summary>Deletes the camera's segments that ended before <paramref name="cutoff"/> (and unfinished ones a crash left); returns how many went.</summary>
    public int Sweep(string cameraId, DateTimeOffset cutoff)
    {
        int deleted = 0;
        foreach (OriginalSegmentFile segment in All(cameraId).Where(s => s.End < cutoff))
        {
            File.Delete(segment.Path);
            deleted++;
        }

        string folder = Folder(cameraId);
        foreach (string partial in Directory.EnumerateFiles(folder, "*.partial").Where(p => File.GetLastWriteTimeUtc(p) < cutoff.UtcDateTime))
        {
            File.Delete(partial);
        }

        return deleted;
    }

    private IEnumerable<OriginalSegmentFile> All(string cameraId)
    {
        foreach (string path in Directory.EnumerateFiles(Folder(cameraId), "*" + Extension))
        {
            string[] times = Path.GetFileNameWithoutExtension(path).Split('-');
            if (times.Length == 2 && long.TryParse(times[0], CultureInfo.InvariantCulture, out long start) && long.TryParse(times[1], CultureInfo.InvariantCulture, out long end))
            {
                yield return new OriginalSegmentFile(path, new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero), new FileInfo(path).Length);
            }
        }
    }

    private string Folder(string cameraId)
    {
        string folder = Path.Combine(_root, cameraId);
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(_root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return folder;
    }
}
