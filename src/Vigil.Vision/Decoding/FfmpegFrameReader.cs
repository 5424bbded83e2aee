using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Vigil.Domain.Security;

namespace Vigil.Vision.Decoding;

/// <summary>
/// Decodes a video with an <c>ffmpeg</c> subprocess (isolation: a crashing decoder cannot take
/// Vigil down) that writes raw BGR frames to a pipe; frames are read straight into a caller's
/// reusable <see cref="VideoFrame"/>.
/// </summary>
public sealed class FfmpegFrameReader : IAsyncDisposable
{
    /// <summary>ffmpeg's exit status when a signal (SIGINT, SIGTERM) made it stop.</summary>
    private const int StoppedBySignalExitCode = 255;

    private static readonly string[] s_globalArguments = ["-hide_banner", "-nostdin", "-v", "error"];
    private static readonly string[] s_outputArguments = ["-an", "-sn", "-dn", "-f", "rawvideo", "-pix_fmt", "bgr24", "pipe:1"];
    private readonly Process _process;
    private readonly Stream _stdout;
    private readonly ProcessErrorBuffer _errors;
    /// <summary>The source as given, credentials included: for the decoder only, never for a message.</summary>
    private readonly string _source;
    private readonly string _shown;
    private long _frames;

    private FfmpegFrameReader(string source, VideoInfo info, Process process)
    {
        _source = source;
        _shown = SecretText.RedactUrl(source);
        Info = info;
        _process = process;
        _stdout = process.StandardOutput.BaseStream;
        _errors = new ProcessErrorBuffer(process);
    }

    public VideoInfo Info { get; }

    /// <summary>The decoder's process id (fault tests kill it).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Frames read so far.</summary>
    public long FramesRead => _frames;

    /// <summary>
    /// After <see cref="CompleteAsync"/>: the decoder stopped because a signal told it to (a
    /// terminal's Ctrl+C or a service manager stopping the whole service reaches it too), not
    /// because the video failed.
    /// </summary>
    public bool StoppedBySignal { get; private set; }

    /// <summary>Probes and starts decoding a file or stream.</summary>
    /// <exception cref="VideoSourceException">The source cannot be opened.</exception>
    public static Task<FfmpegFrameReader> OpenAsync(string source, CancellationToken cancellationToken) =>
        OpenAsync(source, liveFromFile: false, cancellationToken);

    /// <summary>Probes and starts decoding; with <paramref name="liveFromFile"/> a file plays at its own rate, looping, like a camera.</summary>
    public static Task<FfmpegFrameReader> OpenAsync(string source, bool liveFromFile, CancellationToken cancellationToken) =>
        OpenAsync(source, liveFromFile, SourceOptions.Default, cancellationToken);

    /// <summary>
    /// Probes and starts decoding, opening a network camera as <paramref name="options"/> say. The
    /// decoder scales to the probed size: probe and decoder are two connections, and a camera that
    /// changed its stream profile between them must not hand over frames of another size.
    /// </summary>
    public static async Task<FfmpegFrameReader> OpenAsync(string source, bool liveFromFile, SourceOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        VideoInfo info = await VideoProbe.ProbeAsync(source, options, cancellationToken).ConfigureAwait(false);
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        IEnumerable<string> input = liveFromFile ? ["-re", "-stream_loop", "-1", "-i", source] : ["-i", source];
        IEnumerable<string> size = source.Contains("://", StringComparison.Ordinal)
            ? ["-vf", string.Create(CultureInfo.InvariantCulture, $"scale={info.Width}:{info.Height}")]
            : [];
        foreach (string a in s_globalArguments.Concat(options.InputArguments(source)).Concat(input).Concat(size).Concat(s_outputArguments))
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            Process process = Process.Start(start) ?? throw new VideoSourceException("ffmpeg did not start");
            return new FfmpegFrameReader(source, info, process);
        }
        catch (Win32Exception ex)
        {
            throw new VideoSourceException("ffmpeg is not installed; run ./vigil, which installs it", ex);
        }
    }

    /// <summary>Reads the next frame into <paramref name="frame"/>; false at the end of the stream.</summary>
    public async ValueTask<bool> ReadAsync(VideoFrame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != Info.Width || frame.Height != Info.Height)
        {
            throw new ArgumentException($"Frame is {frame.Width}x{frame.Height}, the video {Info.Width}x{Info.Height}.", nameof(frame));
        }

        int read = await _stdout.ReadAtLeastAsync(frame.Buffer, frame.Buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < frame.Buffer.Length)
        {
            return false;
        }

        frame.Index = _frames;
        frame.Timestamp = TimeSpan.FromSeconds(_frames / Info.FramesPerSecond);
        _frames++;
        return true;
    }

    /// <summary>
    /// After the last frame: null when the video decoded cleanly, else one line saying what went
    /// wrong (ffmpeg's error, or fewer frames than the container declares).
    /// </summary>
    public async Task<string?> CompleteAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await _errors.Completion.ConfigureAwait(false);
        string errors = SecretText.Scrub(_errors.Text, _source);
        if (_process.ExitCode == StoppedBySignalExitCode)
        {
            StoppedBySignal = true;
            return $"{_shown}: the decoder (ffmpeg) was stopped by a signal after {_frames} frame(s)";
        }

        if (_process.ExitCode != 0 || _frames == 0)
        {
            return $"{_shown}: decoding failed after {_frames} frame(s) ({VideoProbe.FirstLine(errors)})";
        }

        // A missing tail often decodes "cleanly": the container's frame count tells.
        if (Info.FrameCount is { } declared && _frames < declared)
        {
            return $"{_shown} is truncated or corrupt: {_frames} of {declared} frames decoded" + (errors.Length > 0 ? $" ({VideoProbe.FirstLine(errors)})" : string.Empty);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        await _errors.Completion.ConfigureAwait(false);
        _process.Dispose();
    }
}
