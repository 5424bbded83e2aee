using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Vision.Tests.Pipeline;

/// <summary>
/// A real RTSP camera: GStreamer's RTSP server (Debian packages, installed by ./vigil test) running
/// <c>tools/rtsp-camera/rtsp_camera.py</c> on a loopback port, restartable at another size.
/// </summary>
internal sealed class RtspCameraServer : IAsyncDisposable
{
    /// <summary>Debian's interpreter: the GStreamer bindings (python3-gi) are installed for it, not for any other Python on the PATH.</summary>
    private const string Python = "/usr/bin/python3";

    private readonly string[] _extra;
    private Process? _process;

    private RtspCameraServer(string[] extra)
    {
        _extra = extra;
        Port = FreePort();
    }

    public int Port { get; }

    /// <summary>The stream's URL, with <paramref name="credentials"/> (<c>user:password</c>) when given.</summary>
    public string Url(string? credentials = null) => $"rtsp://{(credentials is null ? "" : credentials + "@")}127.0.0.1:{Port}/camera";

    public static async Task<RtspCameraServer> StartAsync(string size = "320x240", params string[] extra)
    {
        var server = new RtspCameraServer(extra);
        await server.RunAsync(size);
        return server;
    }

    /// <summary>Stops the camera (its clients see the connection drop).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } running)
        {
            running.Kill();
            await running.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the camera again on the same port, at <paramref name="size"/>.</summary>
    public async Task RestartAsync(string size)
    {
        await StopAsync();
        await RunAsync(size);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task RunAsync(string size)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { Path.Combine(RepoPaths.Root, "tools", "rtsp-camera", "rtsp_camera.py"), Port.ToString(CultureInfo.InvariantCulture), "--size", size }.Concat(_extra))
        {
            start.ArgumentList.Add(arg);
        }

        Assert.True(File.Exists(Python), "Debian's python3 with python3-gi is needed; run ./vigil test, which installs it");
        _process = Process.Start(start)!;
        Task<string> errors = _process.StandardError.ReadToEndAsync();
        using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? line = await _process.StandardOutput.ReadLineAsync(ready.Token);
        Assert.True(line == "ready", $"the RTSP camera did not start: {line} {(_process.HasExited ? await errors : "")}");
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
