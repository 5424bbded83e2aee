using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Vigil.Data;

namespace Vigil.Cli.Tests.Commands;

/// <summary>
/// <c>vigil serve</c> as a real process: killed with SIGKILL in the middle of an alert storm, every
/// alert a client had received is in the database afterwards, the database passes SQLite's
/// integrity check, and the server starts again on it.
/// </summary>
public sealed class ServeCrashTests : IDisposable
{
    private const string Password = "crash-test-admin-pw";
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-crash-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task KillDuringAlertStorm_KeepsEveryPushedAlert_AndTheDatabaseOpensClean()
    {
        string config = Path.Combine(_root, "storm.yaml");
        await File.WriteAllTextAsync(config, StormConfig());
        string data = Path.Combine(_root, "data");
        int port = ServerProcess.FreePort();
        var received = new List<string>();

        using (Process server = ServerProcess.Start(config, data, port, pipelines: true, Password))
        {
            try
            {
                using HttpClient admin = await ServerProcess.SignInAsync(port, Password);
                string token = await CreateOperatorTokenAsync(admin);
                await using HubConnection hub = new HubConnectionBuilder()
                    .WithUrl($"http://127.0.0.1:{port}/hubs/ops", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                    .Build();
                hub.On<JsonElement>("alert", push =>
                {
                    lock (received)
                    {
                        received.Add(push.GetProperty("alert").GetProperty("id").GetString()!);
                    }
                });
                await hub.StartAsync();
                var clock = Stopwatch.StartNew();
                while (Count(received) < 25 && clock.Elapsed < TimeSpan.FromSeconds(90))
                {
                    await Task.Delay(100);
                }

                Assert.True(Count(received) >= 5, $"only {Count(received)} alerts arrived in {clock.Elapsed.TotalSeconds:0} s");
            }
            finally
            {
                await ServerProcess.KillAsync(server);
            }
        }

        string[] pushed;
        lock (received)
        {
            pushed = [.. received.Distinct()];
        }

        string file = Path.Combine(data, DatabaseSettings.DefaultFileName);
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using SqliteCommand check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", await check.ExecuteScalarAsync());
            await using SqliteCommand ids = connection.CreateCommand();
            ids.CommandText = "SELECT Id FROM alerts;";
            var stored = new HashSet<string>(StringComparer.Ordinal);
            await using SqliteDataReader reader = await ids.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetString(0));
            }

            string[] lost = pushed.Where(id => !stored.Contains(id)).ToArray();
            Assert.True(lost.Length == 0, $"{lost.Length} of {pushed.Length} pushed alerts are not in the database");
        }

        SqliteConnection.ClearAllPools();
        using Process again = ServerProcess.Start(config, data, port, pipelines: false, Password);
        try
        {
            using HttpClient admin = await ServerProcess.SignInAsync(port, Password);
            HttpResponseMessage alert = await admin.GetAsync($"/api/users");
            Assert.Equal(HttpStatusCode.OK, alert.StatusCode);

            // The real server (Kestrel) names no server software.
            Assert.False(alert.Headers.Contains("Server"));
        }
        finally
        {
            await ServerProcess.KillAsync(again);
        }
    }

    private static int Count(List<string> received)
    {
        lock (received)
        {
            return received.Count;
        }
    }

    private static async Task<string> CreateOperatorTokenAsync(HttpClient admin)
    {
        HttpResponseMessage user = await admin.PostAsJsonAsync("/api/users", new { userName = "storm.operator", password = "storm-operator-pw", roles = new[] { "operator" } });
        user.EnsureSuccessStatusCode();

        // A token is made by the person it acts as (ADR 014): the operator signs in and makes it.
        using var operatorSession = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = admin.BaseAddress };
        (await operatorSession.PostAsJsonAsync("/auth/sign-in", new { userName = "storm.operator", password = "storm-operator-pw" })).EnsureSuccessStatusCode();
        HttpResponseMessage token = await operatorSession.PostAsJsonAsync("/api/me/tokens", new { name = "crash test" });
        token.EnsureSuccessStatusCode();
        return (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>Three copies of the busy campus path, with rules that fire on every crossing and entry.</summary>
    private static string StormConfig() => "cameras:\n" + string.Concat(new[] { "a", "b", "c" }.Select(n => $"""
          - id: storm-{n}
            name: Storm {n}
            url: asset:sample-vtest
            purpose: Crash test
            legal_basis: Test
            retention: 1h
            detect: {"{"} fps: 5 {"}"}
            redaction: people
            zones:
              - id: path
                polygon: [[0.0,0.30],[0.55,0.30],[0.90,0.17],[1.0,0.17],[1.0,0.85],[0.0,0.85]]
            lines:
              - {"{"} id: lamp-post, from: [0.55,0.30], to: [0.55,0.62] {"}"}
            rules:
              - {"{"} id: crossing, kind: line_crossing, line: lamp-post, direction: any, severity: info {"}"}
              - {"{"} id: on-path, kind: zone_entry, zone: path, labels: [person], severity: info {"}"}

        """));
}
