using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Live;

/// <summary>A camera whose source is gone keeps retrying and shows why, while the host and the other cameras go on.</summary>
public sealed class FailingCameraTests() : HostedServerTest(Config, pipelines: true, settings: new Dictionary<string, string>
{
    ["Vigil:Pipeline:InitialBackoffSeconds"] = "0.1",
    ["Vigil:Pipeline:MaxBackoffSeconds"] = "0.2",
    ["Vigil:Pipeline:FailuresBeforeFailed"] = "2",
})
{
    private const string Config = """
        cameras:
          - id: broken
            name: Broken camera
            url: /nonexistent/camera-7.avi
            purpose: Test of a failing source
            legal_basis: Test
            retention: 1h
          - id: trees
            name: Trees
            url: asset:sample-tree
            purpose: Test of a working source
            legal_basis: Test
            retention: 1h
        """;

    [Fact]
    public async Task BrokenSource_ShowsFailedWithTheReason_HealthIsDegraded_OthersStayLive()
    {
        HttpClient anonymous = Factory.CreateClient();
        var clock = Stopwatch.StartNew();
        JsonElement health;
        do
        {
            await Task.Delay(200);
            health = await anonymous.GetFromJsonAsync<JsonElement>("/health");
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && !(State(health, "broken") == "failed" && State(health, "trees") == "live"));

        Assert.Equal("failed", State(health, "broken"));
        Assert.Equal("live", State(health, "trees"));
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        HttpClient operatorClient = await Factory.ClientWithRolesAsync(Roles.Operator);
        JsonElement broken = await operatorClient.GetFromJsonAsync<JsonElement>("/api/cameras/broken");
        Assert.Contains("camera-7.avi", broken.GetProperty("status").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(broken.GetProperty("status").GetProperty("reconnects").GetInt64() >= 1);
        HttpResponseMessage live = await operatorClient.GetAsync("/api/cameras/broken/live.mjpeg");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, live.StatusCode);
    }

    private static string? State(JsonElement health, string camera) =>
        health.GetProperty("cameras").EnumerateArray().First(c => c.GetProperty("cameraId").GetString() == camera).GetProperty("state").GetString();
}
