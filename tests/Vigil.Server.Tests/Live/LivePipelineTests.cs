using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Live;

/// <summary>
/// The whole path with a real camera (the sample vtest.avi looped as a live stream): alerts fire,
/// are stored, arrive over the live push, carry a redacted snapshot; the live view streams JPEG
/// frames; metrics and health report the camera.
/// </summary>
public sealed class LivePipelineTests() : HostedServerTest(Config, pipelines: true)
{
    private const string Config = """
        cameras:
          - id: campus-path
            name: Campus path
            url: asset:sample-vtest
            purpose: Pedestrian safety on the campus path
            legal_basis: Test
            retention: 1h
            detect: { fps: 5 }
            redaction: people
            record: { mode: continuous, retain: 1.5, segment: 2s }
            lines:
              - { id: lamp-post, from: [0.55,0.30], to: [0.55,0.62] }
            rules:
              - { id: lamp-post-count, kind: line_crossing, line: lamp-post, direction: any, severity: info }
        """;

    [Fact]
    public async Task Alerts_AreStoredThenPushed_WithARedactedSnapshot_AndTheCameraStreams()
    {
        string token = await Factory.CreateTokenAsync(Roles.Operator, Roles.Supervisor);
        HttpClient client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var alerts = Channel.CreateUnbounded<JsonElement>();
        await using HubConnection hub = Factory.OpsHub(token);
        hub.On<JsonElement>("alert", a => alerts.Writer.TryWrite(a));
        await hub.StartAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        JsonElement push = await alerts.Reader.ReadAsync(timeout.Token);

        Assert.Equal("opened", push.GetProperty("change").GetString());
        JsonElement alert = push.GetProperty("alert");
        string id = alert.GetProperty("id").GetString()!;
        Assert.Equal("lamp-post-count", alert.GetProperty("ruleId").GetString());
        Assert.Equal("line_crossing", alert.GetProperty("kind").GetString());
        // Received means stored: the API has it, with its snapshot.
        JsonElement stored = await client.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}");
        Assert.Equal("new", stored.GetProperty("state").GetString());
        byte[] snapshot = await client.GetByteArrayAsync(stored.GetProperty("snapshotUrl").GetString());
        Assert.True(snapshot.Length > 1000 && snapshot[0] == 0xFF && snapshot[1] == 0xD8, "the snapshot is a JPEG");

        byte[] frame = await client.GetByteArrayAsync("/api/cameras/campus-path/frame.jpg");
        Assert.True(frame[0] == 0xFF && frame[1] == 0xD8, "the current frame is a JPEG");
        await AssertLiveStreamsJpegAsync(client);

        HttpResponseMessage acknowledged = await client.PostAsync($"/api/alerts/{id}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);

        string metrics = await client.GetStringAsync("/metrics");
        Assert.Matches(@"vigil_frames_decoded_total\{camera=""campus-path""\} [1-9]", metrics);
        Assert.Matches(@"vigil_inference_seconds_count [1-9]", metrics);
        Assert.Matches(@"vigil_alerts_total\{camera=""campus-path"",rule=""lamp-post-count"",severity=""info""\} [1-9]", metrics);
        Assert.Contains("vigil_http_requests_total{method=\"GET\",route=\"/api/alerts/{id}\",status=\"200\"}", metrics, StringComparison.Ordinal);

        // Every look at video is on the record: the snapshot, the frame, the live session opened and closed.
        string[] audited = [];
        for (int i = 0; i < 50 && !audited.Contains("live-view-closed"); i++)
        {
            await Task.Delay(100);
            await using VigilDbContext db = Factory.OpenDatabase();
            audited = await db.AuditEntries.Where(e => e.Target == "camera/campus-path" || e.Target == $"alert/{id}").Select(e => e.Action).ToArrayAsync();
        }

        Assert.Equal(["alert-acknowledged", "frame-viewed", "live-view-closed", "live-view-opened", "snapshot-viewed"], audited.Order(StringComparer.Ordinal));

        JsonElement health = await Factory.CreateClient().GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.Equal("live", health.GetProperty("cameras")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task ARecordingCamera_IndexesCompleteHashedSegments_OfItsRedactedPicture()
    {
        RecordingSegmentRecord[] rows = [];
        for (int i = 0; i < 150 && rows.Length < 2; i++)
        {
            await Task.Delay(100);
            await using VigilDbContext db = Factory.OpenDatabase();
            rows = await db.RecordingSegments.Where(r => r.CameraId == "campus-path").ToArrayAsync();
        }

        Assert.True(rows.Length >= 2, $"{rows.Length} segments indexed");
        string root = Path.Combine(Factory.DataDirectory, "media", "recordings");
        foreach (RecordingSegmentRecord row in rows)
        {
            byte[] file = await File.ReadAllBytesAsync(Path.Combine(root, row.File));
            Assert.Equal(row.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file)));
            Assert.Equal(row.Bytes, file.Length);
            Assert.InRange((row.EndedAt - row.StartedAt).TotalSeconds, 1, 3);
        }
    }

    [Fact]
    public async Task AnOpenLiveStream_Ends_WhenItsViewerIsDisabled()
    {
        string token = await Factory.CreateTokenAsync(Roles.Operator);
        HttpClient viewer = Factory.CreateClient();
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        string id = (await viewer.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetString()!;
        HttpClient admin = await Factory.ClientWithRolesAsync(Roles.Admin);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using HttpResponseMessage live = await viewer.GetAsync("/api/cameras/campus-path/live.mjpeg", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        await using Stream stream = await live.Content.ReadAsStreamAsync(cancel.Token);
        byte[] buffer = new byte[64 * 1024];
        Assert.True(await stream.ReadAsync(buffer, cancel.Token) > 0);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{id}", cancel.Token)).StatusCode);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            while (await stream.ReadAsync(buffer, cancel.Token) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // The server aborted the response: what a browser sees as the stream breaking off.
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the stream went on for {clock.Elapsed.TotalSeconds:0} s after the viewer was disabled");
    }

    private static async Task AssertLiveStreamsJpegAsync(HttpClient client)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using HttpResponseMessage live = await client.GetAsync("/api/cameras/campus-path/live.mjpeg", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("multipart/x-mixed-replace", live.Content.Headers.ContentType?.MediaType);
        await using Stream stream = await live.Content.ReadAsStreamAsync(cancel.Token);
        byte[] buffer = new byte[64 * 1024];
        int total = 0;
        int jpegStarts = 0;
        while (jpegStarts < 2 && total < 4_000_000)
        {
            int n = await stream.ReadAsync(buffer, cancel.Token);
            Assert.True(n > 0, "the stream ended");
            for (int i = 0; i + 1 < n; i++)
            {
                if (buffer[i] == 0xFF && buffer[i + 1] == 0xD8 && buffer[i + 2] == 0xFF)
                {
                    jpegStarts++;
                }
            }

            total += n;
        }

        Assert.True(jpegStarts >= 2, "at least two JPEG frames streamed");
    }
}
