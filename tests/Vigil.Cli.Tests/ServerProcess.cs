using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil serve</c> as a real child process on a loopback port, for tests that kill it.</summary>
internal static class ServerProcess
{
    public static Process Start(string config, string data, int port, bool pipelines, string adminPassword)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { cli, "serve", "--config", config, "--data", data, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }

        if (!pipelines)
        {
            start.ArgumentList.Add("--no-pipelines");
        }

        start.Environment["VIGIL_ADMIN_PASSWORD"] = adminPassword;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
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
