using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Cli.Demo;

/// <summary>
/// Debian's mosquitto on a loopback port and in a folder of its own, owner of its process: the demo's
/// broker (<c>./vigil demo</c>), which the tests and the sensor benchmark run too. Anonymous, loopback
/// only, no persistence; it can be killed and started again on the same port.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-mqtt-").FullName;
    private Process? _process;

    private MosquittoBroker(int port) => Port = port;

    public int Port { get; }

    public string Url => $"mqtt://127.0.0.1:{Port}";

    /// <summary>The broker's binary, or null when Debian's mosquitto is not installed.</summary>
    public static string? Binary =>
        File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto"
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "mosquitto")).FirstOrDefault(File.Exists);

    /// <summary>Starts a broker on <paramref name="preferredPort"/> when it is free, else on any free loopback port.</summary>
    public static async Task<MosquittoBroker> StartAsync(int preferredPort = 0)
    {
        var broker = new MosquittoBroker(FreePort(preferredPort));
        try
        {
            await broker.StartAgainAsync().ConfigureAwait(false);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the broker (again) and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        string binary = Binary ?? throw new InvalidOperationException("Debian's mosquitto is not installed (apt-get install mosquitto)");
        string config = Path.Combine(_folder, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {Port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\n").ConfigureAwait(false);
        // mosquitto started as root runs as its own user, which must read the configuration.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(config);
        var errors = new List<string>();
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                if (e.Data is { } line && errors.Count < 20)
                {
                    errors.Add(line);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(10) && !_process.HasExited)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                lock (errors)
                {
                    throw new InvalidOperationException($"mosquitto did not start on 127.0.0.1:{Port}: {string.Join(" ", errors.TakeLast(2))}");
                }
            }
        }
    }

    /// <summary>Kills the broker: every connection drops at once, as when its machine goes away.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            await p.WaitForExitAsync().ConfigureAwait(false);
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort(int preferred)
    {
        if (preferred > 0)
        {
            try
            {
                using var wanted = new TcpListener(IPAddress.Loopback, preferred);
                wanted.Start();
                return preferred;
            }
            catch (SocketException)
            {
                // Taken (another broker, or an earlier demo's): any free port will do.
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
