using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil serve</c> as a real child process on a loopback port, for tests that kill it.</summary>
internal static class ServerProcess
{
    public static Process Start(string config, string data, int port, bool pipelines, string adminPassword) =>
        Run(["serve", "--config", config, "--data", data, "--urls", $"http://127.0.0.1:{port}", .. pipelines ? Array.Empty<string>() : ["--no-pipelines"]], adminPassword, null);

    /// <summary><c>vigil demo</c> without its cameras; what it writes on stderr goes to <paramref name="errors"/>.</summary>
    public static Process StartDemo(string data, int port, string adminPassword, List<string> errors) =>
        Run(["demo", "--no-pipelines", "--data", data, "--urls", $"http://127.0.0.1:{port}"], adminPassword, errors);

    private static Process Run(string[] args, string adminPassword, List<string>? errors)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cli);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["VIGIL_ADMIN_PASSWORD"] = adminPassword;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (errors is not null && e.Data is { } line)
            {
                lock (errors)
                {
                    errors.Add(line);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGKILL to the server and its ffmpeg children: no shutdown, no flush, no disposal.</summary>
    public static async Task KillAsync(Process server)
    {
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
    }

    /// <summary>Signs in as the admin, retrying while the server starts (up to a minute).</summary>
    public static async Task<HttpClient> SignInAsync(int port, string adminPassword)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                HttpResponseMessage signIn = await client.PostAsJsonAsync("/auth/sign-in", new { userName = "admin", password = adminPassword });
                signIn.EnsureSuccessStatusCode();
                return client;
            }
            catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(250);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
