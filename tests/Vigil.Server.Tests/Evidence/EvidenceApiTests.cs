using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Data.Evidence;
using Vigil.Domain.Cameras;
using Vigil.Domain.Evidence;
using Vigil.Domain.Users;
using Vigil.Server.Oversight;
using Vigil.Server.Recordings;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Evidence;

/// <summary>
/// Evidence export under dual control, on SQLite and PostgreSQL: a supervisor asks with a reason,
/// nothing is made until an auditor approves, the package holds exactly the incident's clip segments
/// and snapshots, verifies with the published key, goes only to its requester, and counts as an export.
/// </summary>
public sealed class EvidenceApiTests
{
    // Two hours ago, not a fixed date: footage older than the demo cameras keep it would be swept by
    // the retention pass that runs as the host starts, while the test seeds it.
    private static readonly DateTimeOffset s_clip = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().AddHours(-2).ToUnixTimeSeconds());

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task APackage_IsMadeOnlyAfterAnAuditorApproves_HoldsTheClipsAndSnapshots_AndVerifies(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await using var factory = new VigilFactory(database);
        (string incidentId, RecordingSegmentRecord[] inClip, RecordingSegmentRecord outside, AlertRecord alert) = await SeedIncidentAsync(factory);
        HttpClient supervisor = await factory.ClientWithRolesAsync(Roles.Supervisor);
        HttpClient otherSupervisor = await factory.ClientWithRolesAsync(Roles.Supervisor);
        HttpClient auditor = await factory.ClientWithRolesAsync(Roles.Auditor);

        HttpResponseMessage asked = await supervisor.PostAsJsonAsync($"/api/incidents/{incidentId}/evidence", new { reason = "The fire service's investigator asked for the footage" });
        JsonElement request = await asked.Content.ReadFromJsonAsync<JsonElement>();
        string id = request.GetProperty("id").GetString()!;
        HttpResponseMessage early = await supervisor.GetAsync($"/api/evidence/{id}/package");
        JsonElement queue = await auditor.GetFromJsonAsync<JsonElement>("/api/evidence?state=pending");
        HttpResponseMessage approved = await auditor.PostAsJsonAsync($"/api/evidence/{id}/decision", new { approve = true, note = "Investigation of record" });
        JsonElement decision = await approved.Content.ReadFromJsonAsync<JsonElement>();
        HttpResponseMessage stranger = await otherSupervisor.GetAsync($"/api/evidence/{id}/package");
        HttpResponseMessage download = await supervisor.GetAsync(decision.GetProperty("downloadUrl").GetString());
        byte[] package = await download.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        Assert.Equal("pending", request.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, request.GetProperty("downloadUrl").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("waiting for an auditor", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal([id], queue.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", decision.GetProperty("state").GetString());
        Assert.Equal(3, decision.GetProperty("packageFiles").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(decision.GetProperty("packageSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(package)));

        JsonElement transparency = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/transparency.json");
        using ECDsa key = AuditSigner.PublicKeyFromPem(transparency.GetProperty("auditPublicKey").GetString()!);
        using var input = new MemoryStream(package);
        EvidenceCheck check = await EvidencePackage.VerifyAsync(input, key, CancellationToken.None);
        Assert.True(check.IsIntact, string.Join("; ", check.Problems));
        EvidenceManifest manifest = check.Manifest!;
        Assert.Equal(incidentId, manifest.Incident.Id);
        Assert.Equal("The fire service's investigator asked for the footage", manifest.Reason);
        Assert.Equal(inClip.Select(s => s.Sha256), manifest.Files.Where(f => f.Kind == EvidenceFile.Clip).Select(f => f.Sha256));
        Assert.DoesNotContain(manifest.Files, f => f.From == outside.StartedAt);
        EvidenceFile snapshot = Assert.Single(manifest.Files, f => f.Kind == EvidenceFile.Snapshot);
        Assert.Equal([alert.Id], snapshot.AlertIds);

        await using VigilDbContext db = factory.OpenDatabase();
        string[] trail = await db.AuditEntries.Where(e => e.Target == $"incident/{incidentId}" && e.Action != "incident-created").OrderBy(e => e.Sequence).Select(e => e.Action).ToArrayAsync();
        Assert.Equal(["evidence-requested", "evidence-approved", "export-evidence"], trail);
        string month = TimeProvider.System.GetUtcNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        JsonElement thisMonth = transparency.GetProperty("months").EnumerateArray().Single(m => m.GetProperty("month").GetString() == month);
        Assert.Equal(1, thisMonth.GetProperty("exports").GetInt32());
        Assert.Equal(1, thisMonth.GetProperty("evidenceRequests").GetInt32());
        Assert.Equal(1, thisMonth.GetProperty("evidenceApproved").GetInt32());
        Assert.Equal(0, thisMonth.GetProperty("evidenceRefused").GetInt32());
    }

    [Fact]
    public async Task ARefusal_NeedsANote_IsFinal_AndLetsNothingOut()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        await using var factory = new VigilFactory(database);
        (string incidentId, _, _, _) = await SeedIncidentAsync(factory);
        HttpClient supervisor = await factory.ClientWithRolesAsync(Roles.Supervisor);
        HttpClient auditor = await factory.ClientWithRolesAsync(Roles.Auditor);

        HttpResponseMessage vague = await supervisor.PostAsJsonAsync($"/api/incidents/{incidentId}/evidence", new { reason = "pls" });
        HttpResponseMessage asked = await supervisor.PostAsJsonAsync($"/api/incidents/{incidentId}/evidence", new { reason = "Insurance company wants the footage" });
        HttpResponseMessage twice = await supervisor.PostAsJsonAsync($"/api/incidents/{incidentId}/evidence", new { reason = "Insurance company wants the footage" });
        string id = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        HttpResponseMessage bare = await auditor.PostAsJsonAsync($"/api/evidence/{id}/decision", new { approve = false });
        HttpResponseMessage refused = await auditor.PostAsJsonAsync($"/api/evidence/{id}/decision", new { approve = false, note = "Not a public-safety purpose: insurers go through a court" });
        HttpResponseMessage again = await auditor.PostAsJsonAsync($"/api/evidence/{id}/decision", new { approve = true });
        HttpResponseMessage download = await supervisor.GetAsync($"/api/evidence/{id}/package");

        await AssertProblemAsync(vague, HttpStatusCode.BadRequest, "at least 10 characters");
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        await AssertProblemAsync(twice, HttpStatusCode.Conflict, "already waiting for an auditor");
        await AssertProblemAsync(bare, HttpStatusCode.BadRequest, "a refusal says why");
        Assert.Equal("refused", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "already refused");
        await AssertProblemAsync(download, HttpStatusCode.Conflict, "insurers go through a court");
        Assert.False(Directory.Exists(Path.Combine(factory.DataDirectory, "evidence")) && Directory.EnumerateFiles(Path.Combine(factory.DataDirectory, "evidence")).Any());
        await using VigilDbContext db = factory.OpenDatabase();
        Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.Action.StartsWith("export-")));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "evidence-refused"));
    }

    [Fact]
    public async Task UnknownOrEmptyIncidents_AndUnknownRequests_AreProblemDetails()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        await using var factory = new VigilFactory(database);
        HttpClient supervisor = await factory.ClientWithRolesAsync(Roles.Supervisor);
        HttpClient auditor = await factory.ClientWithRolesAsync(Roles.Auditor);
        HttpResponseMessage call = await supervisor.PostAsJsonAsync("/api/incidents", new { type = "medical", priority = 2, summary = "Caller reports a fall", latitude = -0.2, longitude = -78.5 });
        string callOnly = (await call.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        HttpResponseMessage nothing = await supervisor.PostAsJsonAsync($"/api/incidents/{callOnly}/evidence", new { reason = "Court order for the incident's footage" });
        HttpResponseMessage unknown = await supervisor.PostAsJsonAsync($"/api/incidents/{Guid.NewGuid():N}/evidence", new { reason = "Court order for the incident's footage" });
        HttpResponseMessage decide = await auditor.PostAsJsonAsync($"/api/evidence/{Guid.NewGuid():N}/decision", new { approve = true });
        HttpResponseMessage badState = await auditor.GetAsync("/api/evidence?state=1");

        await AssertProblemAsync(nothing, HttpStatusCode.Conflict, "Nothing to export");
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "No incident");
        await AssertProblemAsync(decide, HttpStatusCode.NotFound, "No evidence request");
        await AssertProblemAsync(badState, HttpStatusCode.BadRequest, "one of pending, approved, refused");
    }

    [Fact]
    public async Task ASegmentChangedOnDisk_MakesNoPackage_AndTheFailureIsAudited()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        await using var factory = new VigilFactory(database);
        (string incidentId, RecordingSegmentRecord[] inClip, _, _) = await SeedIncidentAsync(factory);
        HttpClient supervisor = await factory.ClientWithRolesAsync(Roles.Supervisor);
        HttpClient auditor = await factory.ClientWithRolesAsync(Roles.Auditor);
        string id = (await (await supervisor.PostAsJsonAsync($"/api/incidents/{incidentId}/evidence", new { reason = "Prosecutor's request, case 2026-118" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await File.WriteAllBytesAsync(factory.Services.GetRequiredService<RecordingStore>().PathOf(inClip[1].File)!, [9, 9, 9, 9]);

        HttpResponseMessage approve = await auditor.PostAsJsonAsync($"/api/evidence/{id}/decision", new { approve = true });

        await AssertProblemAsync(approve, HttpStatusCode.Conflict, "no longer matches the SHA-256 recorded when it was written");
        await using VigilDbContext db = factory.OpenDatabase();
        Assert.Equal(ApprovalState.Pending, (await db.EvidenceRequests.SingleAsync(r => r.Id == id)).State);
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "evidence-build-failed" && e.Detail!.Contains("clips/lobby/")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(factory.DataDirectory, "evidence")));
    }

    [Fact]
    public async Task AfterItsDownloadPeriod_ThePackageIsRefused_AndTheSweepRemovesIt()
    {
        var clock = new ManualClock(TimeProvider.System.GetUtcNow());
        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        await using var factory = new VigilFactory(database, clock: clock);
        (string incidentId, _, _, _) = await SeedIncidentAsync(factory);
        HttpClient supervisor = await factory.ClientWithRolesAsync(Roles.Supervisor);
        HttpClient auditor = await factory.ClientWithRolesAsync(Roles.Auditor);
        string id = (await (await supervisor.PostAsJsonAsync($"/api/incidents/{incidentId}/evidence", new { reason = "Prosecutor's request, case 2026-118" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await auditor.PostAsJsonAsync($"/api/evidence/{id}/decision", new { approve = true })).StatusCode);
        string packages = Path.Combine(factory.DataDirectory, "evidence");
        Assert.Single(Directory.EnumerateFiles(packages));

        clock.Advance(TimeSpan.FromHours(73));
        HttpResponseMessage late = await supervisor.GetAsync($"/api/evidence/{id}/package");
        await factory.Services.GetRequiredService<RetentionSweeper>().SweepAsync(CancellationToken.None);

        await AssertProblemAsync(late, HttpStatusCode.Conflict, "download period ended");
        Assert.Empty(Directory.EnumerateFiles(packages));
        await using VigilDbContext db = factory.OpenDatabase();
        EvidenceRequestRecord row = await db.EvidenceRequests.SingleAsync(r => r.Id == id);
        Assert.Null(row.PackageFile);
        Assert.Equal(ApprovalState.Approved, row.State);
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "media-deleted" && e.Detail!.Contains(id)));
    }

    /// <summary>An incident opened from a lobby alert whose clip covers two recorded segments (a third lies outside it), with a snapshot.</summary>
    private static async Task<(string IncidentId, RecordingSegmentRecord[] InClip, RecordingSegmentRecord Outside, AlertRecord Alert)> SeedIncidentAsync(VigilFactory factory)
    {
        RecordingStore recordings = factory.Services.GetRequiredService<RecordingStore>();
        RecordingSegmentRecord first = await TestSegments.SeedAsync(factory, recordings, "lobby", s_clip.AddSeconds(10), FootageKind.Event);
        RecordingSegmentRecord second = await TestSegments.SeedAsync(factory, recordings, "lobby", s_clip.AddSeconds(20), FootageKind.Event);
        RecordingSegmentRecord outside = await TestSegments.SeedAsync(factory, recordings, "lobby", s_clip.AddMinutes(5), FootageKind.Continuous);
        AlertRecord alert = TestAlerts.New(camera: "lobby");
        alert.ClipFrom = s_clip.AddSeconds(2);
        alert.ClipTo = s_clip.AddSeconds(15);
        alert.Snapshot = $"lobby/{alert.Id}.jpg";
        string snapshot = Path.Combine(factory.DataDirectory, "media", "snapshots", "lobby", $"{alert.Id}.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(snapshot)!);
        await File.WriteAllBytesAsync(snapshot, [0xFF, 0xD8, 0xFF, 0xD9]);
        await factory.SeedAsync(alert);
        HttpClient opener = await factory.ClientWithRolesAsync(Roles.Operator);
        HttpResponseMessage opened = await opener.PostAsJsonAsync("/api/incidents", new { type = "fire", priority = 1, summary = "Smoke in the lobby", alertIds = new[] { alert.Id } });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        return ((await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!, [first, second], outside, alert);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string words)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(words, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
