using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Cli.Tests;

/// <summary>
/// <c>./vigil serve</c> as a service manager or a container runtime runs it: a SIGTERM to the
/// launcher's PID stops the server and every decoder it started; nothing is left behind.
/// </summary>
public sealed class LauncherTests
{
    [Fact]
    public async Task SigtermToTheLauncher_StopsTheServerAndItsDecoders()
    {
        string data = Directory.CreateTempSubdirectory("vigil-launcher-").FullName;
        string config = Path.Combine(data, "vigil.yaml");
        await File.WriteAllTextAsync(config, """
            cameras:
              - id: trees
                name: Trees
                url: asset:sample-tree
                purpose: Launcher test
                legal_basis: Test
                retention: 1h
            """);
        int port = FreePort();
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { Path.Combine(RepoPaths.Root, "vigil"), "serve", "--config", config, "--data", data, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["VIGIL_ADMIN_PASSWORD"] = "launcher-test-password";
        using Process launcher = Process.Start(start)!;
        launcher.OutputDataReceived += (_, _) => { };
        launcher.ErrorDataReceived += (_, _) => { };
        launcher.BeginOutputReadLine();
        launcher.BeginErrorReadLine();
        List<int> family = [];
        try
        {
            var clock = Stopwatch.StartNew();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            while (clock.Elapsed < TimeSpan.FromSeconds(90))
            {
                family = Descendants(launcher.Id);
                if (family.Any(p => CommandOf(p) == "ffmpeg") && await AnswersAsync(http))
                {
                    break;
                }

                await Task.Delay(250);
            }

            Assert.Contains(family, p => CommandOf(p) == "ffmpeg");

            using (Process kill = Process.Start("kill", ["-TERM", launcher.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            var stopping = Stopwatch.StartNew();
            while (stopping.Elapsed < TimeSpan.FromSeconds(20) && family.Append(launcher.Id).Any(IsAlive))
            {
                await Task.Delay(200);
            }

            Assert.Empty(family.Append(launcher.Id).Where(IsAlive).Select(p => $"{p} ({CommandOf(p)})"));
        }
        finally
        {
            foreach (int pid in family.Append(launcher.Id).Where(IsAlive))
            {
                try
                {
                    Process.GetProcessById(pid).Kill(entireProcessTree: true);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                {
                    // Gone meanwhile.
                }
            }

            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/health")).StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Every process below <paramref name="root"/> (from /proc's parent links).</summary>
    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out int current))
        {
            foreach (int child in parents.Where(p => p.Value == current).Select(p => p.Key))
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }

        return found;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(rest[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            // A zombie has exited; only its parent's wait is missing.
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string CommandOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
