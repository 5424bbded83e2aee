using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Vigil.Domain.Cameras;
using Vigil.Vision.Decoding;
using Vigil.Vision.Redaction;

namespace Vigil.Vision.Recording;

/// <summary>
/// Records one camera's redacted frames into short MP4 segments (H.264 through an ffmpeg
/// subprocess, <see cref="FfmpegVideoWriter"/>): only <see cref="RedactedFrame"/>s go in, so what is
/// recorded is what operators see. Frames arrive at the camera's processing rate; each is written
/// as many times as its time on screen needs at <see cref="Fps"/>, so a segment plays in real time.
/// A segment is written as <c>.partial</c> and renamed when ffmpeg has finished it; finishing,
/// hashing and renaming happen off the camera's thread. A gap (no frame for <see cref="MaxGap"/>, a
/// reconnect) or a new frame size ends a segment.
/// <para>
/// Every finished segment then waits, complete on disk, for the pre-roll to pass after its end (a
/// bounded ring: the pre-roll of an alert that opens later is footage already encoded), and is then
/// classified — an alert's clip overlaps it, something moved in it, or neither — and kept or deleted
/// by the camera's <see cref="RecordingMode"/>. Kept segments go to the owner's callback with their
/// <see cref="FootageKind"/>. Driven by one thread (the camera's).
/// </para>
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
    private readonly RecordingPolicy _policy;
    private readonly RecordingSpace _space;
    private readonly Action<RecordedSegment> _kept;
    private readonly int _ring;
    private readonly List<Task> _finishing = [];
    private readonly ConcurrentQueue<Finished> _finished = new();
    private readonly Dictionary<string, ClipWindow> _clips = new(StringComparer.Ordinal);
    private readonly List<string> _done = [];
    private FfmpegVideoWriter? _writer;
    private string? _partial;
    private string? _file;
    private DateTimeOffset _start;
    private DateTimeOffset _last;
    private (int Width, int Height) _size;
    private bool _motion;
    private long _written;
    private long _failures;
    private long _dropped;

    /// <param name="cameraId">The camera, first folder of every file.</param>
    /// <param name="root">The recordings folder.</param>
    /// <param name="policy">What is kept, the segment length and the pre-roll.</param>
    /// <param name="space">Paused by the storage guard when the disk has no room.</param>
    /// <param name="kept">Called with each segment kept, on the camera's thread (or the disposing one).</param>
    public SegmentRecorder(string cameraId, string root, RecordingPolicy policy, RecordingSpace space, Action<RecordedSegment> kept)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _cameraId = cameraId;
        _root = root;
        _policy = policy;
        _space = space;
        _kept = kept;
        _ring = (int)Math.Ceiling(policy.PreRoll / policy.SegmentLength) + 2;
    }

    /// <summary>Segments that could not be written (disk full, the encoder died); the camera goes on.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Finished segments the mode did not keep (no alert near them, or no motion).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records an alert's clip, or its new end (a clip is open-ended while its episode lasts).</summary>
    public void Clip(string alertId, ClipWindow window) => _clips[alertId] = window;

    /// <summary>Appends a redacted frame shown at <paramref name="at"/> (wall clock); <paramref name="motion"/> when something moved in it.</summary>
    public void Write(RedactedFrame frame, DateTimeOffset at, bool motion)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Decide(at, all: false);
        if (!frame.HasContent)
        {
            return;
        }

        if (_writer is not null && ((frame.Width, frame.Height) != _size || at - _last > MaxGap || at - _start >= _policy.SegmentLength || _space.Paused))
        {
            Finish(at - _last > MaxGap ? _last + TimeSpan.FromSeconds(1 / Fps) : at);
        }

        if (_writer is null && (_space.Paused || !Begin(frame, at)))
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

        _motion |= motion;
        _last = at;
    }

    /// <summary>Finishes the open segment, waits for every segment still being finished, and decides them all.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            Finish(_last + TimeSpan.FromSeconds(1 / Fps));
        }

        await Task.WhenAll(_finishing).ConfigureAwait(false);
        Decide(DateTimeOffset.MaxValue, all: true);
    }

    /// <summary>Keeps or drops the finished segments whose pre-roll has passed (all of them when stopping, the oldest when the ring is full).</summary>
    private void Decide(DateTimeOffset now, bool all)
    {
        while (_finished.TryPeek(out Finished? next) && (all || _finished.Count > _ring || next.End + _policy.PreRoll <= now))
        {
            _finished.TryDequeue(out _);
            FootageKind kind = RecordingPolicy.Classify(next.Start, next.End, next.Motion, _clips.Values);
            if (_policy.Keeps(kind))
            {
                _kept(new RecordedSegment(_cameraId, next.File, next.Start, next.End, next.Bytes, next.Sha256, kind));
            }
            else
            {
                Interlocked.Increment(ref _dropped);
                TryDelete(Path.Combine(_root, next.File));
            }

            // Clips that ended before everything still to be decided are of no more use.
            _done.Clear();
            _done.AddRange(_clips.Where(c => c.Value.To is { } to && to <= next.End).Select(c => c.Key));
            foreach (string id in _done)
            {
                _clips.Remove(id);
            }
        }
    }

    private bool Begin(RedactedFrame frame, DateTimeOffset at)
    {
        _start = at;
        _last = at;
        _size = (frame.Width, frame.Height);
        _written = 0;
        _motion = false;
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
        var segment = new Open(_partial!, _file!, _start, end, _motion);
        _writer = null;
        _finishing.RemoveAll(t => t.IsCompleted);
        _finishing.Add(Task.Run(() => CompleteAsync(writer, segment)));
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

    private async Task CompleteAsync(FfmpegVideoWriter writer, Open segment)
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
                TryDelete(segment.Partial);
                return;
            }
        }

        try
        {
            string hash;
            long bytes;
            await using (FileStream stream = File.OpenRead(segment.Partial))
            {
                bytes = stream.Length;
                hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream).ConfigureAwait(false));
            }

            File.Move(segment.Partial, segment.Partial[..^PartialSuffix.Length], overwrite: true);
            _finished.Enqueue(new Finished(segment.File, segment.Start, segment.End, segment.Motion, bytes, hash));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _failures);
            TryDelete(segment.Partial);
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

    private sealed record Open(string Partial, string File, DateTimeOffset Start, DateTimeOffset End, bool Motion);

    private sealed record Finished(string File, DateTimeOffset Start, DateTimeOffset End, bool Motion, long Bytes, string Sha256);
}
