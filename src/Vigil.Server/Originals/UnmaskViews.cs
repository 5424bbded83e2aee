using System.Collections.Concurrent;

namespace Vigil.Server.Originals;

/// <summary>The unmask views being watched now, by request: a revocation ends every one of its streams at once.</summary>
internal sealed class UnmaskViews
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<CancellationTokenSource, byte>> _open = new(StringComparer.Ordinal);

    public int Count => _open.Values.Sum(v => v.Count);

    /// <summary>Registers a stream of the request; it ends when <paramref name="stream"/> is cancelled (the caller owns it).</summary>
    public IDisposable Register(string requestId, CancellationTokenSource stream)
    {
        ConcurrentDictionary<CancellationTokenSource, byte> streams = _open.GetOrAdd(requestId, _ => new());
        streams[stream] = 0;
        return new Registration(streams, stream);
    }

    /// <summary>Ends every stream of the request.</summary>
    public void End(string requestId)
    {
        if (_open.TryGetValue(requestId, out ConcurrentDictionary<CancellationTokenSource, byte>? streams))
        {
            foreach (CancellationTokenSource stream in streams.Keys)
            {
                try
                {
                    stream.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // That stream had just ended.
                }
            }
        }
    }

    private sealed class Registration(ConcurrentDictionary<CancellationTokenSource, byte> streams, CancellationTokenSource stream) : IDisposable
    {
        public void Dispose() => streams.TryRemove(stream, out _);
    }
}
