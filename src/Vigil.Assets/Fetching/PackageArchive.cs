using System.Diagnostics;

namespace Vigil.Assets.Fetching;

/// <summary>
/// An open package: its file tree as a tar stream, and whatever produces that stream
/// (a decompressor, or a <c>dpkg-deb</c> process), which it owns and disposes.
/// </summary>
public sealed class PackageArchive : IAsyncDisposable
{
    private readonly IDisposable? _owner;
    private readonly Process? _process;

    public PackageArchive(Stream tar, string archivePath, IDisposable? owner = null)
    {
        Tar = tar;
        ArchivePath = archivePath;
        _owner = owner;
        _process = owner as Process;
    }

    /// <summary>The uncompressed tar stream of the package's files.</summary>
    public Stream Tar { get; }

    /// <summary>The downloaded archive on disk.</summary>
    public string ArchivePath { get; }

    /// <summary>Waits for a producing process, if any, and checks that it succeeded.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_process is null)
        {
            return;
        }

        // Drain what the extractor did not need so the process can exit.
        await Tar.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        string errors = await _process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (_process.ExitCode != 0)
        {
            throw new ExternalCommandException($"'{_process.StartInfo.FileName}' could not read {ArchivePath} (exit {_process.ExitCode}): {ExternalCommand.FirstMeaningfulLine(errors, string.Empty)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Tar.DisposeAsync().ConfigureAwait(false);
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
        }

        _owner?.Dispose();
    }
}
