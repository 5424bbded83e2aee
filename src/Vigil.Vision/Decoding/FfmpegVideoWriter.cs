using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Vigil.Vision.Redaction;

namespace Vigil.Vision.Decoding;

/// <summary>
/// Encodes redacted frames to an H.264 MP4 with an <c>ffmpeg</c> subprocess. It accepts only
/// <see cref="RedactedFrame"/>s: nothing unredacted can be written through it.
/// </summary>
public sealed class FfmpegVideoWriter : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly byte[] _buffer;
    private readonly ProcessErrorBuffer _errors;

    private FfmpegVideoWriter(Process process, int width, int height)
    {
        _process = process;
        _stdin = process.StandardInput.BaseStream;
        _buffer = GC.AllocateUninitializedArray<byte>(width * height * 3);
        _errors = new ProcessErrorBuffer(process);
    }

    /// <summary>
    /// Starts an encoder writing <paramref name="path"/> (MP4, whatever its extension, its index at
    /// the front so that playback starts at once). <paramref name="live"/> trades size for speed
    /// (x264 <c>ultrafast</c>): a camera's recorder runs beside its analysis on every frame.
    /// </summary>
    public static FfmpegVideoWriter Start(string path, int width, int height, double fps, bool live = false)
    {
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[]
        {
            "-hide_banner", "-nostdin", "-v", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", $"{width}x{height}", "-r", fps.ToString("0.###", CultureInfo.InvariantCulture), "-i", "pipe:0",
            "-an", "-c:v", "libx264", "-preset", live ? "ultrafast" : "veryfast", "-threads", live ? "1" : "0", "-crf", live ? "26" : "23", "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", path,
        })
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            Process process = Process.Start(start) ?? throw new VideoSourceException("ffmpeg did not start");
            return new FfmpegVideoWriter(process, width, height);
        }
        catch (Win32Exception ex)
        {
            throw new VideoSourceException("ffmpeg is not installed; run ./vigil, which installs it", ex);
        }
    }

    /// <summary>Appends one redacted frame.</summary>
    public async ValueTask WriteAsync(RedactedFrame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        frame.CopyBgrTo(_buffer);
        try
        {
            await _stdin.WriteAsync(_buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new VideoSourceException($"the encoder stopped ({FirstError()})", ex);
        }
    }

    /// <summary>Closes the input and waits for the encoder; null when the file is complete, else why not.</summary>
    public async Task<string?> CompleteAsync(CancellationToken cancellationToken)
    {
        await _stdin.DisposeAsync().ConfigureAwait(false);
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await _errors.Completion.ConfigureAwait(false);
        return _process.ExitCode == 0 ? null : $"the encoder failed (exit {_process.ExitCode}: {FirstError()})";
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private string FirstError() => _errors.FirstLine;
}
