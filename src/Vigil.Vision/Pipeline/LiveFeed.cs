using Vigil.Vision.Redaction;

namespace Vigil.Vision.Pipeline;

/// <summary>
/// A camera's redacted live picture for whoever is watching. Frames are JPEG-encoded only while at
/// least one viewer is registered; with nobody watching, offering a frame costs one read of a counter.
/// Only a <see cref="RedactedFrame"/> can be offered: unredacted pixels have no way in. The camera's
/// session offers every frame; the web layer pulls the newest JPEG (no callback runs on the camera's thread).
/// </summary>
public sealed class LiveFeed(int jpegQuality)
{
    private readonly Lock _gate = new();
    private int _viewers;
    private RedactedJpeg? _jpeg;
    private long _version;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Viewers => Volatile.Read(ref _viewers);

    /// <summary>Frames encoded so far (they are encoded only for viewers).</summary>
    public long FramesEncoded => Interlocked.Read(ref _version);

    /// <summary>Called by the camera's processing thread for every redacted frame.</summary>
    public void Offer(RedactedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (Volatile.Read(ref _viewers) == 0 || !frame.HasContent)
        {
            return;
        }

        RedactedJpeg jpeg = frame.EncodeJpeg(jpegQuality);
        TaskCompletionSource done;
        lock (_gate)
        {
            _jpeg = jpeg;
            Interlocked.Increment(ref _version);
            done = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }

    /// <summary>Registers a viewer until the returned handle is disposed.</summary>
    public IDisposable Watch()
    {
        Interlocked.Increment(ref _viewers);
        return new Viewer(this);
    }

    /// <summary>The first frame newer than <paramref name="after"/> (waits for it).</summary>
    public async Task<(RedactedJpeg Jpeg, long Version)> NextAsync(long after, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_jpeg is not null && _version > after)
                {
                    return (_jpeg, _version);
                }

                wait = _next.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class Viewer(LiveFeed view) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref view._viewers);
            }
        }
    }
}
