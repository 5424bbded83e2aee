using System.Net;
using System.Net.Sockets;

namespace Vigil.Vision.Tests.Pipeline;

/// <summary>
/// An HTTP camera on loopback: each connection gets one video body, then the connection closes
/// (the stream ends) or stays open with nothing more (a stall). Connections take the bodies in turn.
/// </summary>
internal sealed class LoopbackVideoServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[][] _bodies;
    private readonly bool _stallAfterBody;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;

    private LoopbackVideoServer(byte[][] bodies, bool stallAfterBody)
    {
        _bodies = bodies;
        _stallAfterBody = stallAfterBody;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/camera.avi";

    /// <summary>Connections served so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Sends the start of a video, then nothing more without closing: a stalled camera.</summary>
    public static LoopbackVideoServer Stalling(string file, double fraction)
    {
        byte[] all = File.ReadAllBytes(file);
        return new LoopbackVideoServer([all[..(int)(all.Length * fraction)]], stallAfterBody: true);
    }

    /// <summary>Sends each file whole in turn, one per connection: a camera whose stream profile changes between connections.</summary>
    public static LoopbackVideoServer Alternating(params string[] files) =>
        new(files.Select(File.ReadAllBytes).ToArray(), stallAfterBody: false);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopped.
        }

        _listener.Close();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context = await _listener.GetContextAsync();
            byte[] body = _bodies[(Interlocked.Increment(ref _connections) - 1) % _bodies.Length];
            _ = Task.Run(async () =>
            {
                try
                {
                    context.Response.ContentType = "video/x-msvideo";
                    context.Response.SendChunked = true;
                    await context.Response.OutputStream.WriteAsync(body, _stop.Token);
                    await context.Response.OutputStream.FlushAsync(_stop.Token);
                    if (_stallAfterBody)
                    {
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                    }

                    context.Response.Close();
                }
                catch (Exception ex) when (ex is HttpListenerException or IOException or OperationCanceledException or ObjectDisposedException)
                {
                    // The client went away or the server stopped.
                    context.Response.Abort();
                }
            });
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
