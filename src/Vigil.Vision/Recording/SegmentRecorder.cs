using System.Globalization;
using System.Security.Cryptography;
using Vigil.Vision.Decoding;
using Vigil.Vision.Redaction;

namespace Vigil.Vision.Recording;

/// <summary>
/// Records one camera's redacted frames into short MP4 segments (H.264 through an ffmpeg
/// subprocess, <see cref="FfmpegVideoWriter"/>): only <see cref="RedactedFrame"/>s go in, so what is
/// recorded is what operators see. Frames arrive at the camera's processing rate; each is written
/// as many times as its time on screen needs at <see cref="Fps"/>, so a segment plays in real time.
/// A segment is written as <c>.partial</c> and renamed when ffmpeg has finished it; finishing,
/// hashing and renaming happen off the camera's thread and end in the <c>completed</c> callback the owner gives. A gap
/// (no frame for <see cref="MaxGap"/>, a reconnect) or a new frame size ends a segment. Driven by
/// one thread (the camera's).
/// </summary>
public sealed class SegmentRecorder : IAsyncDisposable
{
    public const string PartialSuffix = ".partial";

    /// <summary>Frames per second in the files.</summary>
    public const double Fps = 10;

    /// <summary>A longer pause between frames ends the segment: the index then shows the gap.</summary>
    public static readonly TimeSpan MaxGap = TimeSpan.FromSeconds(2);

    private readonly string _cameraId;
    private readonly string _root;
    private readonly TimeSpan _segmentLength;
    private readonly Func<RecordedSegment, Task> _completed;
    private readonly List<Task> _finishing = [];
    private FfmpegVideoWriter? _writer;
    private string? _partial;
    private string? _file;
    private DateTimeOffset _start;
    private DateTimeOffset _last;
    private (int Width, int Height) _size;
    private long _written;
    private long _failures;

    /// <param name="cameraId">The camera, first folder of every file.</param>
    /// <param name="root">The recordings folder.</param>
    /// <param name="segmentLength">The length of one file.</param>
    /// <param name="completed">Called (off the camera's thread) with each finished segment, after its rename.</param>
    public SegmentRecorder(string cameraId, string root, TimeSpan segmentLength, Func<RecordedSegment, Task> completed)
    {
        _cameraId = cameraId;
        _root = root;
        _segmentLength = segmentLength;
        _completed = completed;
    }

    /// <summary>Segments that could not be written (disk full, the encoder died); the camera goes on.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Appends a redacted frame shown at <paramref name="at"/> (wall clock).</summary>
    public void Write(RedactedFrame frame, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!frame.HasContent)
        {
            return;
        }

        if (_writer is not null && ((frame.Width, frame.Height) != _size || at - _last > MaxGap || at - _start >= _segmentLength))
        {
            Finish(at - _last > MaxGap ? _last + TimeSpan.FromSeconds(1 / Fps) : at);
        }

        if (_writer is null && !Begin(frame, at))
        {
            return;
        }

        // As many copies as the frame's time on screen needs at the file's rate (at least one for the first).
        long due = Math.Max(1, (long)Math.Floor((at - _start).TotalSeconds * Fps) + 1);
        try
        {
            for (; _written < due; _written++)
            {
                _writer!.WriteAsync(frame, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
        }
        catch (VideoSourceException)
        {
            Abandon();
            return;
        }

        _last = at;
    }

    /// <summary>Finishes the open segment and waits for every segment still being finished.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            Finish(_last + TimeSpan.FromSeconds(1 / Fps));
        }

        await Task.WhenAll(_finishing).ConfigureAwait(false);
    }

    private bool Begin(RedactedFrame frame, DateTimeOffset at)
    {
        _start = at;
        _last = at;
        _size = (frame.Width, frame.Height);
        _written = 0;
        _file = string.Create(CultureInfo.InvariantCulture, $"{_cameraId}/{at.UtcDateTime:yyyy-MM-dd}/{at.UtcDateTime:HH}/{at.UtcDateTime:mm.ss.fff}.mp4");
        string path = Path.Combine(_root, _file);
        _partial = path + PartialSuffix;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _writer = FfmpegVideoWriter.Start(_partial, frame.Width, frame.Height, Fps, live: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or VideoSourceException)
        {
            Interlocked.Increment(ref _failures);
            _writer = null;
            return false;
        }
    }

    private void Finish(DateTimeOffset end)
    {
        FfmpegVideoWriter writer = _writer!;
        string partial = _partial!;
        string file = _file!;
        DateTimeOffset start = _start;
        _writer = null;
        _finishing.RemoveAll(t => t.IsCompleted);
        _finishing.Add(Task.Run(() => CompleteAsync(writer, partial, file, start, end)));
    }

    private void Abandon()
    {
        FfmpegVideoWriter writer = _writer!;
        string partial = _partial!;
        _writer = null;
        Interlocked.Increment(ref _failures);
        _finishing.Add(Task.Run(async () =>
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            TryDelete(partial);
        }));
    }

    private async Task CompleteAsync(FfmpegVideoWriter writer, string partial, string file, DateTimeOffset start, DateTimeOffset end)
    {
        await using (writer.ConfigureAwait(false))
        {
            string? problem;
            try
            {
                problem = await writer.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                problem = ex.Message;
            }

            if (problem is not null)
            {
                // Disk full, the encoder died: the half-written segment goes, cleanly; the camera goes on.
                Interlocked.Increment(ref _failures);
                TryDelete(partial);
                return;
            }
        }

        string hash;
        long bytes;
        try
        {
            await using (FileStream stream = File.OpenRead(partial))
            {
                bytes = stream.Length;
                hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream).ConfigureAwait(false));
            }

            File.Move(partial, partial[..^PartialSuffix.Length], overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _failures);
            TryDelete(partial);
            return;
        }

        try
        {
            await _completed(new RecordedSegment(_cameraId, file, start, end, bytes, hash)).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The owner stopped listening (its output closed): the file stays unindexed, and the
            // owner's sweep at the next start removes it (an unindexed file is never served).
            Interlocked.Increment(ref _failures);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A later sweep of leftovers gets it.
        }
    }
}
