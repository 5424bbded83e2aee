using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data;
using Vigil.Domain.Users;
using Vigil.Server.Originals;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Originals;

/// <summary>
/// Unmasking under dual control through the API, on a camera whose originals the real server keeps
/// (a plain grey H.264 video, so the watermark is what differs from the original): refused to its
/// requester before approval, to anyone else after it, to the requester after revocation and after
/// expiry; never decided by an operator or an admin; every served frame watermarked; a revocation ends
/// an open stream at once; a tampered segment is reported and not played; every step audited, the chain intact.
/// </summary>
public sealed class UnmaskApiTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-unmask-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task TheOriginals_AreSeenOnlyByTheRequester_OnceAnAuditorApproved_WatermarkedAndForALimitedTime()
    {
        string camera = await TestOriginals.CameraFileAsync(_folder, "color=c=0x808080:size=320x240:rate=10:duration=30");
        using var config = new TestConfigFile($$"""
            cameras:
              - { id: gate, name: Gate, url: {{camera}}, purpose: Test of unmasking, legal_basis: Test, retention: 24h, originals: { keep: 1h }, detect: { fps: 1 } }
            """);
        var clock = new ShiftedClock();
        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        await using var factory = new VigilFactory(database, pipelines: true, configPath: config.Path, settings: new Dictionary<string, string> { ["Vigil:OriginalsSecret"] = TestOriginals.Secret }, clock: clock);
        HttpClient olivia = await factory.ClientForAsync("olivia", Roles.Operator);
        HttpClient oscar = await factory.ClientForAsync("oscar", Roles.Operator);
        HttpClient aude = await factory.ClientForAsync("aude", Roles.Auditor);
        HttpClient admin = await factory.ClientForAsync("adam", Roles.Admin);
        OriginalSegmentFile segment = await TestOriginals.FirstSegmentAsync(factory.Services.GetRequiredService<OriginalStore>(), "gate", clock);
        JsonElement incident = await (await olivia.PostAsJsonAsync("/api/incidents", new { type = "public_disorder", summary = "Fight at the gate", latitude = -0.21, longitude = -78.49 })).Content.ReadFromJsonAsync<JsonElement>();
        string incidentId = incident.GetProperty("id").GetString()!;
        object body = new { cameraId = "gate", from = segment.Start, to = segment.End, reason = "Who struck first at the gate: the victim's statement disputes it" };

        // Asked for; nothing before a decision, and no operator or admin decides.
        HttpResponseMessage asked = await olivia.PostAsJsonAsync($"/api/incidents/{incidentId}/unmask", body);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        string id = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Conflict, (await olivia.GetAsync($"/api/unmask/{id}/view")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await oscar.PostAsJsonAsync($"/api/unmask/{id}/decision", new { approve = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync($"/api/unmask/{id}/decision", new { approve = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await olivia.PostAsJsonAsync($"/api/incidents/{incidentId}/unmask", new { cameraId = "gate", from = segment.Start, to = segment.Start.AddMinutes(11), reason = "Who struck first at the gate" })).StatusCode);

        // Approved: olivia watches, watermarked on every frame; oscar may not.
        HttpResponseMessage approved = await aude.PostAsJsonAsync($"/api/unmask/{id}/decision", new { approve = true, note = "Proportionate: a disputed assault" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await oscar.GetAsync($"/api/unmask/{id}/view")).StatusCode);
        using (HttpResponseMessage view = await olivia.GetAsync($"/api/unmask/{id}/view", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, view.StatusCode);
            Assert.StartsWith("multipart/x-mixed-replace", view.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
            List<byte[]> frames = await ReadFramesAsync(await view.Content.ReadAsStreamAsync(), 12, TimeSpan.FromSeconds(30));
            Assert.Equal(12, frames.Count);
            Assert.All(frames, TestOriginals.AssertWatermarked);
        }

        // A second stream, open when the auditor revokes: it ends at once, and the view is refused after.
        using (HttpResponseMessage open = await olivia.GetAsync($"/api/unmask/{id}/view", HttpCompletionOption.ResponseHeadersRead))
        {
            Stream stream = await open.Content.ReadAsStreamAsync();
            Assert.Single(await ReadFramesAsync(stream, 1, TimeSpan.FromSeconds(30)));
            Assert.Equal(HttpStatusCode.OK, (await aude.PostAsync($"/api/unmask/{id}/revoke", null)).StatusCode);
            var ended = Stopwatch.StartNew();
            Assert.True(await EndsAsync(stream, TimeSpan.FromSeconds(10)), "the open stream went on after the revocation");
            Assert.True(ended.Elapsed < TimeSpan.FromSeconds(10));
        }

        Assert.Equal(HttpStatusCode.Conflict, (await olivia.GetAsync($"/api/unmask/{id}/view")).StatusCode);

        // Another request, approved, then its half hour passes: refused.
        string second = (await (await olivia.PostAsJsonAsync($"/api/incidents/{incidentId}/unmask", body)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await aude.PostAsJsonAsync($"/api/unmask/{second}/decision", new { approve = true })).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Conflict, (await olivia.GetAsync($"/api/unmask/{second}/view")).StatusCode);

        // A tampered segment: reported, not played.
        clock.Advance(TimeSpan.FromMinutes(-31));
        string third = (await (await olivia.PostAsJsonAsync($"/api/incidents/{incidentId}/unmask", body)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await aude.PostAsJsonAsync($"/api/unmask/{third}/decision", new { approve = true })).StatusCode);
        byte[] bytes = await File.ReadAllBytesAsync(segment.Path);
        bytes[^200] ^= 0x10;
        await File.WriteAllBytesAsync(segment.Path, bytes);
        HttpResponseMessage tampered = await olivia.GetAsync($"/api/unmask/{third}/view");
        Assert.Equal(HttpStatusCode.Conflict, tampered.StatusCode);
        Assert.Contains("does not authenticate", (await tampered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Every step is in the audit log, whose chain still verifies.
        await using VigilDbContext db = factory.OpenDatabase();
        string[] actions = [.. await db.AuditEntries.Select(e => e.Action).Distinct().ToListAsync()];
        Assert.Subset(actions.ToHashSet(), new HashSet<string> { "unmask-requested", "unmask-approved", "original-viewed", "unmask-revoked" });
        JsonElement verified = await aude.GetFromJsonAsync<JsonElement>("/api/audit/verification");
        Assert.True(verified.GetProperty("isIntact").GetBoolean(), verified.ToString());
        Assert.True(verified.GetProperty("checked").GetInt64() > 5);

        // And the public counts them: three requests, three approved, the seconds watched.
        JsonElement month = (await factory.CreateClient().GetFromJsonAsync<JsonElement>("/transparency.json")).GetProperty("months")[0];
        Assert.Equal((3, 3, 0), (month.GetProperty("unmaskRequests").GetInt32(), month.GetProperty("unmaskApproved").GetInt32(), month.GetProperty("unmaskRefused").GetInt32()));
        Assert.True(month.GetProperty("originalMinutesViewed").GetDouble() > 0, month.ToString());
    }

    /// <summary>Reads up to <paramref name="count"/> JPEG parts of a multipart stream.</summary>
    private static async Task<List<byte[]>> ReadFramesAsync(Stream stream, int count, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var frames = new List<byte[]>();
        var pending = new List<byte>();
        byte[] chunk = new byte[64 * 1024];
        while (frames.Count < count)
        {
            int read = await stream.ReadAsync(chunk, timeout.Token);
            if (read == 0)
            {
                break;
            }

            pending.AddRange(chunk.AsSpan(0, read));
            while (frames.Count < count && NextJpeg(pending) is { } jpeg)
            {
                frames.Add(jpeg);
            }
        }

        return frames;
    }

    /// <summary>Takes the first whole JPEG (SOI to EOI) out of the bytes read so far.</summary>
    private static byte[]? NextJpeg(List<byte> pending)
    {
        ReadOnlySpan<byte> all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending);
        int start = all.IndexOf((byte[])[0xFF, 0xD8]);
        int length = start < 0 ? -1 : all[start..].IndexOf((byte[])[0xFF, 0xD9]);
        if (length < 0)
        {
            return null;
        }

        byte[] jpeg = all.Slice(start, length + 2).ToArray();
        pending.RemoveRange(0, start + length + 2);
        return jpeg;
    }

    private static async Task<bool> EndsAsync(Stream stream, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        byte[] chunk = new byte[64 * 1024];
        try
        {
            while (await stream.ReadAsync(chunk, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
