using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Security;

/// <summary>
/// A camera whose URL holds a user name, a password and a query token, and that fails: the secrets
/// appear in no response of any operation of the API description, for no identity, on no console
/// page and in no log line, while operators still see what is wrong (the redacted URL and the reason).
/// The camera keeps originals too: their stream copy fails on the same URL, and the secret that opens
/// the originals' key is in none of them either.
/// </summary>
public sealed class SecretLeakTests() : HostedServerTest(s_config, pipelines: true, settings: new Dictionary<string, string>
{
    ["Vigil:Pipeline:InitialBackoffSeconds"] = "0.1",
    ["Vigil:Pipeline:MaxBackoffSeconds"] = "0.2",
    ["Vigil:Pipeline:FailuresBeforeFailed"] = "2",
    ["Vigil:OriginalsSecret"] = OriginalsSecret,
})
{
    private const string UserName = "camadmin7";
    private const string Password = "Pl4ntedSecret";
    private const string QueryToken = "Pl4ntedToken";
    private const string OriginalsSecret = "Pl4ntedOriginalsSecret";

    private static readonly string s_config = $"""
        cameras:
          - id: gate
            name: Gate camera
            url: rtsp://{UserName}:{Password}@127.0.0.1:9/stream?token={QueryToken}
            purpose: Test of a failing camera with credentials
            legal_basis: Test
            retention: 1h
            originals:
              keep: 1h
        """;

    [Fact]
    public async Task FailingCameraWithCredentials_NoResponseOrLogLine_HoldsTheSecrets()
    {
        HttpClient operatorClient = await Factory.ClientWithRolesAsync(Roles.Operator);
        var clock = Stopwatch.StartNew();
        JsonElement camera;
        do
        {
            await Task.Delay(200);
            camera = await operatorClient.GetFromJsonAsync<JsonElement>("/api/cameras/gate");
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && camera.GetProperty("status").GetProperty("state").GetString() != "failed");

        string reason = camera.GetProperty("status").GetProperty("reason").GetString()!;
        Assert.Equal("failed", camera.GetProperty("status").GetProperty("state").GetString());
        Assert.Contains("rtsp://***@127.0.0.1:9/stream", reason, StringComparison.Ordinal);

        var seen = new StringBuilder();
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal) { ["anonymous"] = Factory.CreateClient() };
        foreach (string role in Roles.All)
        {
            clients[role] = await Factory.ClientWithRolesAsync(role);
        }

        foreach ((_, string method, string path) in await OpenApiOperations.ReadAsync(clients[Roles.Auditor]))
        {
            foreach ((string who, HttpClient client) in clients)
            {
                // Between its attempts the camera is 'starting': a frame request then waits for a frame
                // that never comes. A request cut off that way answered nothing, so it leaked nothing.
                using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(8));
                try
                {
                    using HttpResponseMessage response = await client.SendAsync(OpenApiOperations.Request(method, path, "gate"), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
                    seen.Append(who).Append(' ').Append(method).Append(' ').Append(path).Append(": ").Append(response.Headers).Append(response.Content.Headers);
                    if (response.Content.Headers.ContentType?.MediaType?.StartsWith("multipart", StringComparison.Ordinal) != true)
                    {
                        seen.AppendLine(await response.Content.ReadAsStringAsync(cancel.Token));
                    }
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    seen.Append(who).Append(' ').Append(method).Append(' ').Append(path).AppendLine(": no answer within 8 s");
                }
            }
        }

        foreach (string page in new[] { "/", "/map", "/transparency", "/transparency.json", "/health", "/metrics" })
        {
            seen.AppendLine(await (await clients[Roles.Supervisor].GetAsync(page)).Content.ReadAsStringAsync());
            seen.AppendLine(await (await clients["anonymous"].GetAsync(page)).Content.ReadAsStringAsync());
        }

        string everything = seen.ToString() + string.Join('\n', Factory.Logs.Lines);
        Assert.Contains("rtsp://***@127.0.0.1:9/stream", string.Join('\n', Factory.Logs.Lines), StringComparison.Ordinal);
        foreach (string secret in new[] { Password, QueryToken, UserName + ":", OriginalsSecret })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Health_ForAnyone_ShowsStatesWithoutReasons()
    {
        string health = await Factory.CreateClient().GetStringAsync("/health");

        Assert.Contains("\"cameraId\":\"gate\"", health, StringComparison.Ordinal);
        Assert.DoesNotContain("reason", health, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", health, StringComparison.Ordinal);
    }
}
