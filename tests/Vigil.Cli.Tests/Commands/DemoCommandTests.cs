using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vigil.Cli.Tests.Commands;

/// <summary>
/// <c>vigil demo</c> as a newcomer runs it: it starts its own MQTT broker and the simulated river gauge,
/// whose readings reach the server through the broker (the last hour from the gauge's buffer at once,
/// then one every ten seconds), so the gauge is on the Sensors page with a line from the start.
/// </summary>
public sealed class DemoCommandTests : IDisposable
{
    private const string Password = "demo-test-admin-pw";
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-demo-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Demo_StartsItsBroker_AndTheSimulatedGaugeReportsThroughIt()
    {
        int port = ServerProcess.FreePort();
        var errors = new List<string>();
        using Process demo = ServerProcess.StartDemo(Path.Combine(_root, "data"), port, Password, errors);
        try
        {
            using HttpClient admin = await ServerProcess.SignInAsync(port, Password);
            (await admin.PostAsJsonAsync("/api/users", new { userName = "demo.operator", password = "demo-operator-pw", roles = new[] { "operator" } })).EnsureSuccessStatusCode();
            using var operatorSession = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = admin.BaseAddress };
            (await operatorSession.PostAsJsonAsync("/auth/sign-in", new { userName = "demo.operator", password = "demo-operator-pw" })).EnsureSuccessStatusCode();

            JsonElement gauge = default;
            JsonElement readings = default;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                gauge = (await operatorSession.GetFromJsonAsync<JsonElement[]>("/api/sensors"))!.Single(s => s.GetProperty("id").GetString() == "machangara");
                readings = await operatorSession.GetFromJsonAsync<JsonElement>("/api/sensors/machangara/readings");
                if (readings.GetProperty("points").GetArrayLength() > 300 && gauge.GetProperty("lastAt").ValueKind == JsonValueKind.String)
                {
                    break;
                }

                await Task.Delay(250);
            }

            Assert.True(readings.GetProperty("points").GetArrayLength() > 300, $"{readings.GetProperty("points").GetArrayLength()} readings after {clock.Elapsed.TotalSeconds:0} s; stderr: {string.Join(" | ", Lines(errors))}");
            Assert.Equal("river_level", gauge.GetProperty("kind").GetString());
            Assert.Equal(4, gauge.GetProperty("stages").GetArrayLength());
            Assert.False(gauge.GetProperty("silent").GetBoolean());
            Assert.Contains(Lines(errors), l => l.StartsWith("vigil: demo MQTT broker at mqtt://127.0.0.1:", StringComparison.Ordinal));
        }
        finally
        {
            await ServerProcess.KillAsync(demo);
        }
    }

    private static string[] Lines(List<string> errors)
    {
        lock (errors)
        {
            return [.. errors];
        }
    }
}
