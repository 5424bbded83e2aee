using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Oversight;

/// <summary>
/// Every operation in the OpenAPI document that changes state or reveals video, called
/// successfully, leaves exactly the audit entries this table names (a live-view session: opened
/// and closed). A new operation of either kind without a row here fails the test.
/// </summary>
public sealed class AuditCoverageTests() : HostedServerTest(Config, pipelines: true, settings: new Dictionary<string, string> { ["Vigil:OriginalsSecret"] = "audit-coverage-originals-secret" })
{
    private const string Config = """
        cameras:
          - id: trees
            name: Trees
            url: asset:sample-tree
            purpose: Audit coverage test
            legal_basis: Test
            retention: 1h
            originals: { keep: 1h }
        units:
          - { id: amb-1, type: ambulance, station: Central, location: { lat: -0.2067, lon: -78.4987 } }
        sensors:
          - { id: gauge-trees, kind: river_level, unit: m, purpose: Audit coverage test, interval: 1m }
        """;

    [Fact]
    public async Task EveryStateChangeAndEveryLookAtVideo_LeavesItsAuditEntries()
    {
        HttpClient admin = await Factory.ClientWithRolesAsync(Roles.Admin);
        HttpClient watcher = await Factory.ClientWithRolesAsync(Roles.Operator, Roles.Supervisor);
        HttpClient browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        AlertRecord[] alerts = [TestAlerts.New(camera: "trees"), TestAlerts.New(camera: "trees"), TestAlerts.New(camera: "trees"), TestAlerts.New(camera: "trees")];
        alerts[3].Snapshot = $"trees/{alerts[3].Id}.jpg";
        string snapshotFile = Path.Combine(Factory.DataDirectory, "media", "snapshots", "trees", $"{alerts[3].Id}.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(snapshotFile)!);
        await File.WriteAllBytesAsync(snapshotFile, [0xFF, 0xD8, 0xFF, 0xD9]);
        await Factory.SeedAsync(alerts);
        RecordingSegmentRecord segment = await SeedSegmentAsync();
        string userId = "";
        string tokenId = "";
        string incidentId = "";
        string warningId = "";
        var warning = new { @event = "Medical emergency", urgency = "Immediate", severity = "Minor", certainty = "Observed", headline = "Emergency services by the trees", description = "Ambulance at work by the trees." };
        HttpClient dispatcher = await Factory.ClientWithRolesAsync(Roles.Dispatcher);
        HttpResponseMessage sensor = await admin.PostAsJsonAsync("/api/users", new { userName = "gauge-1", roles = new[] { Roles.Sensor } });
        string sensorId = (await sensor.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        string myTokenId = "";
        HttpClient auditor = await Factory.ClientWithRolesAsync(Roles.Auditor);
        string evidenceIncidentId = await SeedIncidentAsync(alerts[3].Id);
        string evidenceId = "";
        string callTransfer = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "tests", "Shared", "Exchange", "call-transfer.eido.json"));
        (DateTimeOffset originalFrom, DateTimeOffset originalTo) = await SeedOriginalAsync();
        string unmaskId = "";

        var table = new List<(string Operation, Func<Task<HttpResponseMessage>> Call, string[] Entries)>
        {
            ("SignIn", () => browser.PostAsJsonAsync("/auth/sign-in", new { userName = "admin", password = VigilFactory.AdminPassword }), ["sign-in"]),
            ("CreateMyToken", async () =>
            {
                HttpResponseMessage r = await browser.PostAsJsonAsync("/api/me/tokens", new { name = "own script" });
                myTokenId = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
                return r;
            }, ["token-created"]),
            ("RevokeMyToken", () => browser.DeleteAsync($"/api/me/tokens/{myTokenId}"), ["token-revoked"]),
            ("SignOut", () => browser.PostAsync("/auth/sign-out", null), ["sign-out"]),
            ("AcknowledgeAlert", () => watcher.PostAsync($"/api/alerts/{alerts[0].Id}/acknowledge", null), ["alert-acknowledged"]),
            ("DismissAlert", () => watcher.PostAsync($"/api/alerts/{alerts[1].Id}/dismiss", null), ["alert-dismissed"]),
            ("EscalateAlert", () => watcher.PostAsync($"/api/alerts/{alerts[2].Id}/escalate", null), ["alert-escalated"]),
            ("GetAlertSnapshot", () => watcher.GetAsync($"/api/alerts/{alerts[3].Id}/snapshot.jpg"), ["snapshot-viewed"]),
            ("GetCameraFrame", () => watcher.GetAsync("/api/cameras/trees/frame.jpg"), ["frame-viewed"]),
            ("WatchCameraLive", () => WatchBrieflyAsync(watcher), ["live-view-opened", "live-view-closed"]),
            ("PlayRecordings", () => watcher.PostAsJsonAsync("/api/cameras/trees/playback", new { from = segment.StartedAt, to = segment.EndedAt }), ["recording-viewed"]),

            // The playback that granted it is the file's audit entry (a player fetches a file in many ranges).
            ("GetRecordingSegment", () => watcher.GetAsync($"/api/recordings/{segment.Id}"), []),
            ("CreateUser", async () =>
            {
                HttpResponseMessage r = await admin.PostAsJsonAsync("/api/users", new { userName = "eva", password = "eva-password-1", roles = new[] { "dispatcher" } });
                userId = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
                return r;
            }, ["user-created"]),
            ("SetUserRoles", () => admin.PutAsJsonAsync($"/api/users/{userId}/roles", new { roles = new[] { "operator" } }), ["user-roles-changed"]),
            ("SetUserPassword", () => admin.PutAsJsonAsync($"/api/users/{userId}/password", new { password = "eva-password-2" }), ["user-password-set"]),
            ("CreateUserToken", async () =>
            {
                HttpResponseMessage r = await admin.PostAsJsonAsync($"/api/users/{sensorId}/tokens", new { name = "gauge firmware" });
                tokenId = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
                return r;
            }, ["token-created"]),
            ("RevokeUserToken", () => admin.DeleteAsync($"/api/users/{sensorId}/tokens/{tokenId}"), ["token-revoked"]),
            ("DisableUser", () => admin.DeleteAsync($"/api/users/{userId}"), ["user-disabled"]),
            ("CreateIncident", async () =>
            {
                HttpResponseMessage r = await watcher.PostAsJsonAsync("/api/incidents", new { type = "medical", priority = 1, summary = "Person collapsed by the trees", latitude = -0.212, longitude = -78.49 });
                incidentId = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
                return r;
            }, ["incident-created"]),
            ("AddIncidentNote", () => watcher.PostAsJsonAsync($"/api/incidents/{incidentId}/notes", new { text = "Caller says the person is breathing" }), ["incident-note"]),
            ("IssueWarning", async () =>
            {
                HttpResponseMessage r = await watcher.PostAsJsonAsync($"/api/incidents/{incidentId}/warnings", warning);
                warningId = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warningId").GetString()!;
                return r;
            }, ["export-cap"]),
            ("UpdateWarning", () => watcher.PostAsJsonAsync($"/api/warnings/{warningId}/update", warning), ["export-cap"]),
            ("CancelWarning", () => watcher.PostAsJsonAsync($"/api/warnings/{warningId}/cancel", new { reason = "Over" }), ["export-cap"]),
            ("RequestEvidenceExport", async () =>
            {
                HttpResponseMessage r = await watcher.PostAsJsonAsync($"/api/incidents/{evidenceIncidentId}/evidence", new { reason = "The coroner asked for the footage" });
                evidenceId = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
                return r;
            }, ["evidence-requested"]),
            ("DecideEvidenceRequest", () => auditor.PostAsJsonAsync($"/api/evidence/{evidenceId}/decision", new { approve = true }), ["evidence-approved"]),
            ("DownloadEvidencePackage", () => watcher.GetAsync($"/api/evidence/{evidenceId}/package"), ["export-evidence"]),
            ("RequestUnmask", async () =>
            {
                HttpResponseMessage r = await watcher.PostAsJsonAsync($"/api/incidents/{evidenceIncidentId}/unmask", new { cameraId = "trees", from = originalFrom, to = originalTo, reason = "Which way the cyclist fell, for the coroner" });
                unmaskId = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
                return r;
            }, ["unmask-requested"]),
            ("DecideUnmaskRequest", () => auditor.PostAsJsonAsync($"/api/unmask/{unmaskId}/decision", new { approve = true }), ["unmask-approved"]),
            ("WatchUnmaskedOriginal", () => ReadBrieflyAsync(watcher, $"/api/unmask/{unmaskId}/view"), ["original-viewed"]),
            ("RevokeUnmaskView", () => auditor.PostAsync($"/api/unmask/{unmaskId}/revoke", null), ["unmask-revoked"]),

            // A machine's readings are data, not a person's action: counted in /metrics, never audited
            // (thousands a second would drown the log that oversight reads).
            ("PostSensorReadings", async () => await (await Factory.ClientForAsync("gauge-trees", Roles.Sensor)).PostAsJsonAsync("/api/sensors/gauge-trees/readings", new { phenomenonTime = TimeProvider.System.GetUtcNow(), result = 1.2 }), []),
            ("ExportIncidentEido", () => dispatcher.PostAsync($"/api/incidents/{incidentId}/eido", null), ["export-eido"]),
            ("ImportIncidentEido", () => dispatcher.PostAsync("/api/incidents/import", new StringContent(callTransfer, System.Text.Encoding.UTF8, "application/json")), ["import-eido"]),
            ("DispatchUnit", () => dispatcher.PostAsJsonAsync($"/api/incidents/{incidentId}/dispatch", new { unitId = "amb-1" }), ["unit-dispatched"]),
            ("SetUnitStatus", () => dispatcher.PostAsJsonAsync("/api/units/amb-1/status", new { status = "available" }), ["unit-status"]),
            ("SetIncidentStatus", () => dispatcher.PostAsJsonAsync($"/api/incidents/{incidentId}/status", new { status = "cancelled" }), ["incident-status"]),
        };

        Assert.Equal(await AuditedOperationsAsync(admin), table.Select(t => t.Operation).Order(StringComparer.Ordinal));
        var wrong = new List<string>();
        foreach ((string operation, Func<Task<HttpResponseMessage>> call, string[] expected) in table)
        {
            long before = await LastSequenceAsync();
            using HttpResponseMessage response = await call();
            string[] actual = await EntriesAfterAsync(before, expected.Length);
            if (!response.IsSuccessStatusCode || !actual.SequenceEqual(expected))
            {
                wrong.Add($"{operation}: {(int)response.StatusCode}, audit [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}]");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        await using VigilDbContext db = Factory.OpenDatabase();
        Assert.True((await AuditVerifier.VerifyAsync(db, CancellationToken.None)).IsIntact);
    }

    /// <summary>Operations that change state (anything but GET) or answer with pictures.</summary>
    private static async Task<IEnumerable<string>> AuditedOperationsAsync(HttpClient client)
    {
        using JsonDocument document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var audited = new List<string>();
        foreach (JsonProperty path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (JsonProperty operation in path.Value.EnumerateObject())
            {
                bool video = operation.Value.TryGetProperty("responses", out JsonElement responses)
                    && responses.EnumerateObject().Any(r => r.Value.TryGetProperty("content", out JsonElement content)
                        && content.EnumerateObject().Any(c => c.Name.StartsWith("image/", StringComparison.Ordinal) || c.Name.StartsWith("video/", StringComparison.Ordinal) || c.Name.StartsWith("multipart/", StringComparison.Ordinal) || c.Name == "application/zip"));
                if (operation.Name != "get" || video)
                {
                    audited.Add(operation.Value.GetProperty("operationId").GetString()!);
                }
            }
        }

        return audited.Order(StringComparer.Ordinal);
    }

    private static Task<HttpResponseMessage> WatchBrieflyAsync(HttpClient client) => ReadBrieflyAsync(client, "/api/cameras/trees/live.mjpeg");

    private static async Task<HttpResponseMessage> ReadBrieflyAsync(HttpClient client, string path)
    {
        HttpResponseMessage response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Stream stream = await response.Content.ReadAsStreamAsync();
        byte[] buffer = new byte[4096];
        _ = await stream.ReadAsync(buffer);
        await stream.DisposeAsync();
        return response;
    }

    /// <summary>Two seconds of the trees camera's originals, sealed as the server seals them, a minute and a half ago.</summary>
    private async Task<(DateTimeOffset From, DateTimeOffset To)> SeedOriginalAsync()
    {
        var start = new System.Diagnostics.ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-hide_banner", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=2:size=320x240:rate=10", "-c:v", "libx264", "-g", "10", "-pix_fmt", "yuv420p", "-f", "mpegts", "pipe:1" })
        {
            start.ArgumentList.Add(a);
        }

        using var ffmpeg = System.Diagnostics.Process.Start(start)!;
        using var stream = new MemoryStream();
        Task errors = ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.StandardOutput.BaseStream.CopyToAsync(stream);
        await ffmpeg.WaitForExitAsync();
        await errors;
        DateTimeOffset from = TimeProvider.System.GetUtcNow().AddSeconds(-90);
        await Factory.Services.GetRequiredService<Vigil.Server.Originals.OriginalStore>().WriteAsync("trees", new Vigil.Vision.Recording.OriginalChunk(from, from.AddSeconds(2), stream.ToArray()), CancellationToken.None);
        return (from, from.AddSeconds(2));
    }

    /// <summary>A recorded segment of the trees camera from an hour ago (its bytes need not play here).</summary>
    private async Task<RecordingSegmentRecord> SeedSegmentAsync()
    {
        DateTimeOffset start = TimeProvider.System.GetUtcNow().AddHours(-1);
        var row = new RecordingSegmentRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            CameraId = "trees",
            File = $"trees/{start.UtcDateTime:yyyy-MM-dd}/{start.UtcDateTime:HH}/{start.UtcDateTime:mm.ss.fff}.mp4",
            StartedAt = start,
            EndedAt = start.AddSeconds(10),
            Bytes = 8,
            Sha256 = new string('0', 64),
        };
        string path = Path.Combine(Factory.DataDirectory, "media", "recordings", row.File);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, [0, 0, 0, 8, 0x66, 0x74, 0x79, 0x70]);
        await using VigilDbContext db = Factory.OpenDatabase();
        db.RecordingSegments.Add(row);
        await db.SaveChangesAsync();
        return row;
    }

    /// <summary>An incident holding the alert (seeded, so the table's own incident keeps its entries); its snapshot is its evidence.</summary>
    private async Task<string> SeedIncidentAsync(string alertId)
    {
        await using VigilDbContext db = Factory.OpenDatabase();
        string id = Guid.NewGuid().ToString("N");
        db.Incidents.Add(new IncidentRecord { Id = id, Location = "Trees", Summary = "Branch fell on a path", CreatedBy = "test", ReceivedAt = TimeProvider.System.GetUtcNow() });
        db.IncidentAlerts.Add(new IncidentAlertRecord { IncidentId = id, AlertId = alertId });
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<long> LastSequenceAsync()
    {
        await using VigilDbContext db = Factory.OpenDatabase();
        return await db.AuditEntries.MaxAsync(e => (long?)e.Sequence) ?? 0;
    }

    /// <summary>The entries written after <paramref name="sequence"/>, waiting briefly for ones written when a stream closes.</summary>
    private async Task<string[]> EntriesAfterAsync(long sequence, int expected)
    {
        string[] actions = [];
        for (int i = 0; i < 50; i++)
        {
            await using VigilDbContext db = Factory.OpenDatabase();
            actions = await db.AuditEntries.Where(e => e.Sequence > sequence).OrderBy(e => e.Sequence).Select(e => e.Action).ToArrayAsync();
            if (actions.Length >= expected)
            {
                break;
            }

            await Task.Delay(100);
        }

        await Task.Delay(50);
        await using VigilDbContext final = Factory.OpenDatabase();
        return await final.AuditEntries.Where(e => e.Sequence > sequence).OrderBy(e => e.Sequence).Select(e => e.Action).ToArrayAsync();
    }
}
