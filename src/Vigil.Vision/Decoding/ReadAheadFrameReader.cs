using System.Threading.Channels;

namespace Vigil.Vision.Decoding;

/// <summary>
/// Keeps ffmpeg decoding while the caller analyses: a producer task reads frames into a small
/// pool of reusable <see cref="VideoFrame"/>s and hands them over through a bounded channel.
/// Without it ffmpeg blocks on the 64 KiB pipe and decoding adds to every frame's latency.
/// Every frame of the source is delivered, in order (files are analysed completely; a live
/// camera's pipeline uses a latest-frame-wins policy instead).
/// </summary>
public sealed class ReadAheadFrameReader : IAsyncDisposable
{
    private readonly FfmpegFrameReader _reader;
    private readonly Channel<VideoFrame> _ready;
    private readonly Channel<VideoFrame> _free;
    private readonly VideoFrame[] _frames;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;

    /// <param name="reader">The decoder; owned by the caller.</param>
    /// <param name="depth">Frames decoded ahead (and pooled buffers, plus one in the caller's hands).</param>
    public ReadAheadFrameReader(FfmpegFrameReader reader, int depth = 2)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        _reader = reader;
        _frames = Enumerable.Range(0, depth + 1).Select(_ => new VideoFrame(reader.Info.Width, reader.Info.Height)).ToArray();
        _ready = Channel.CreateBounded<VideoFrame>(new BoundedChannelOptions(depth) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });
        _free = Channel.CreateUnbounded<VideoFrame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        foreach (VideoFrame frame in _frames)
        {
            _free.Writer.TryWrite(frame);
        }

        _producer = Task.Run(() => ProduceAsync(_stop.Token));
    }

    /// <summary>The next frame, or null at the end. Give it back with <see cref="Return"/> when done with it.</summary>
    public async ValueTask<VideoFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        while (await _ready.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_ready.Reader.TryRead(out VideoFrame? frame))
            {
                return frame;
            }
        }

        await _producer.ConfigureAwait(false); // surfaces a decoder failure
        return null;
    }

    /// <summary>Returns a frame's buffer to the pool.</summary>
    public void Return(VideoFrame frame) => _free.Writer.TryWrite(frame);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _producer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        foreach (VideoFrame frame in _frames)
        {
            frame.Dispose();
        }

        _stop.Dispose();
    }

    private async Task ProduceAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                VideoFrame frame = await _free.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (!await _reader.ReadAsync(frame, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                await _ready.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _ready.Writer.TryComplete();
        }
    }
}
