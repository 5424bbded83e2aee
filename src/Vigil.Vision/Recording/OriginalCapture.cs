using System.Buffers;
using System.ComponentModel;
using System.Diagnostics;
using Vigil.Domain.Security;
using Vigil.Vision.Decoding;

namespace Vigil.Vision.Recording;

/// <summary>
/// A camera's original stream, kept as it arrives (issue 22): an ffmpeg of its own copies the video
/// stream without decoding or re-encoding (<c>-c copy</c>, MPEG-TS on a pipe), so the analysis
/// decoder is untouched and the cost is a copy. The stream is cut at key frames (the transport
/// stream's random-access flag) into chunks of about <paramref name="chunkLength"/>, each handed to
/// <paramref name="sink"/> in memory: nothing of it touches the disk unencrypted. When the camera or
/// ffmpeg stops, it starts again after a pause, until cancelled.
/// </summary>
/// <param name="source">The camera's URL (credentials included, for ffmpeg only).</param>
/// <param name="liveFromFile">A file played at its own rate, looping, as a camera (the demo).</param>
/// <param name="options">How to open a network camera.</param>
/// <param name="chunkLength">About how long each chunk is (cut at the first key frame after it).</param>
/// <param name="clock">The arrival times of the chunks.</param>
/// <param name="sink">Takes each finished chunk.</param>
public sealed class OriginalCapture(string source, bool liveFromFile, SourceOptions options, TimeSpan chunkLength, TimeProvider clock, Func<OriginalChunk, CancellationToken, Task> sink)
{
    private const int PacketSize = 188;
    private const int MaxChunkBytes = 64 * 1024 * 1024;
    private long _chunks;
    private long _restarts;

    /// <summary>Chunks handed over so far.</summary>
    public long Chunks => Interlocked.Read(ref _chunks);

    /// <summary>Times ffmpeg was started again after the stream ended or failed.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>The last error, shown without the URL's credentials.</summary>
    public string? LastError { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await CaptureOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is IOException or Win32Exception or InvalidOperationException)
            {
                LastError = SecretText.Scrub(ex.Message, source);
            }

            Interlocked.Increment(ref _restarts);
            await Task.Delay(TimeSpan.FromSeconds(2), clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CaptureOnceAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        IEnumerable<string> input = liveFromFile ? ["-re", "-stream_loop", "-1", "-i", source] : ["-i", source];
        foreach (string a in ((string[])["-hide_banner", "-nostdin", "-v", "error"]).Concat(options.InputArguments(source)).Concat(input)
            .Concat(["-map", "0:v:0", "-c", "copy", "-f", "mpegts", "pipe:1"]))
        {
            start.ArgumentList.Add(a);
        }

        using Process ffmpeg = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        var errors = new ProcessErrorBuffer(ffmpeg);
        try
        {
            await CutAsync(ffmpeg.StandardOutput.BaseStream, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!ffmpeg.HasExited)
            {
                ffmpeg.Kill();
            }

            await ffmpeg.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await errors.Completion.ConfigureAwait(false);
            if (errors.Text.Length > 0)
            {
                LastError = SecretText.Scrub(errors.Text, source);
            }
        }
    }

    /// <summary>Reads whole transport-stream packets and cuts before a key frame's once the chunk is long enough.</summary>
    private async Task CutAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[PacketSize * 512];
        var chunk = new ArrayBufferWriter<byte>(4 * 1024 * 1024);
        DateTimeOffset chunkStart = clock.GetUtcNow();
        int filled = 0;
        while (true)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
            int whole = filled - (filled % PacketSize);
            for (int offset = 0; offset < whole; offset += PacketSize)
            {
                if (buffer[offset] != 0x47)
                {
                    throw new InvalidOperationException("the stream copy lost its transport-stream sync");
                }

                DateTimeOffset now = clock.GetUtcNow();
                bool longEnough = now - chunkStart >= chunkLength;
                if (chunk.WrittenCount > 0 && ((longEnough && IsKeyFrame(buffer.AsSpan(offset, PacketSize))) || chunk.WrittenCount >= MaxChunkBytes))
                {
                    await HandOverAsync(chunk, chunkStart, now, cancellationToken).ConfigureAwait(false);
                    chunkStart = now;
                }

                chunk.Write(buffer.AsSpan(offset, PacketSize));
            }

            Array.Copy(buffer, whole, buffer, 0, filled - whole);
            filled -= whole;
        }

        if (chunk.WrittenCount > 0)
        {
            await HandOverAsync(chunk, chunkStart, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Hands a copy of the chunk over and empties the buffer for the next one (its memory is kept).</summary>
    private async Task HandOverAsync(ArrayBufferWriter<byte> chunk, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        byte[] stream = chunk.WrittenSpan.ToArray();
        chunk.Clear();
        await sink(new OriginalChunk(start, end, stream), cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _chunks);
    }

    /// <summary>A packet whose adaptation field sets the random-access indicator: a key frame starts in it.</summary>
    private static bool IsKeyFrame(ReadOnlySpan<byte> packet)
    {
        int adaptation = (packet[3] >> 4) & 0x3;
        return adaptation is 2 or 3 && packet[4] > 0 && (packet[5] & 0x40) != 0;
    }
}
