using System.Net;
using System.Net.Sockets;

namespace Vigil.Vision.Tests.Pipeline;

/// <summary>Serves the start of a video over HTTP on loopback, then stops sending without closing: a stalled camera.</summary>
internal sealed class StallingHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _head;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public StallingHttpServer(string file, double fraction)
    {
        byte[] all = File.ReadAllBytes(file);
        _head = all[..(int)(all.Length * fraction)];
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/camera.avi";

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
            _ = Task.Run(async () =>
            {
                try
                {
                    context.Response.ContentType = "video/x-msvideo";
                    context.Response.SendChunked = true;
                    await context.Response.OutputStream.WriteAsync(_head, _stop.Token);
                    await context.Response.OutputStream.FlushAsync(_stop.Token);
                    await Task.Delay(Timeout.Infinite, _stop.Token); // then nothing more: a stall
                }
                catch (Exception ex) when (ex is HttpListenerException or IOException or OperationCanceledException or ObjectDisposedException)
                {
                    // The client went away or the server stopped.
                }
                finally
                {
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
