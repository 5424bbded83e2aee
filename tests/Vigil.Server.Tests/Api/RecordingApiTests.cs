using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Cameras;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// A camera's timeline, its playback and the segment files, on SQLite and PostgreSQL: ranges are
/// checked, a file is served only inside the caller's own audited playback, in byte ranges.
/// </summary>
public sealed class RecordingApiTests
{
    // Two hours ago, not a fixed date: footage older than the demo cameras keep it would be swept by
    // the retention pass that runs as the host starts, while the test seeds it.
    private static readonly DateTimeOffset s_start = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().AddHours(-2).ToUnixTimeSeconds());

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Timeline_ShowsSegmentsGapsAndAlertClips_InTheRange(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await using var factory = new VigilFactory(database);
        RecordingSegmentRecord[] segments = await SeedAsync(factory, "lobby", [0, 10, 40], FootageKind.Event);
        await SeedAsync(factory, "campus-path", [0], FootageKind.Continuous);
        AlertRecord alert = TestAlerts.New(camera: "lobby");
        alert.OpenedAt = s_start.AddSeconds(45);
        alert.ClipFrom = s_start.AddSeconds(40);
        alert.ClipTo = s_start.AddSeconds(50);
        AlertRecord unrecorded = TestAlerts.New(camera: "lobby");
        await factory.SeedAsync(alert, unrecorded);
        HttpClient dispatcher = await factory.ClientWithRolesAsync(Roles.Dispatcher);

        JsonElement timeline = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/cameras/lobby/recordings?from={Q(s_start)}&to={Q(s_start.AddMinutes(1))}");

        Assert.Equal(segments.Select(s => s.Id), timeline.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        JsonElement third = timeline.GetProperty("segments")[2];
        Assert.Equal("event", third.GetProperty("kind").GetString());
        Assert.Equal($"/api/recordings/{segments[2].Id}", third.GetProperty("url").GetString());
        JsonElement marker = Assert.Single(timeline.GetProperty("alerts").EnumerateArray());
        Assert.Equal(alert.Id, marker.GetProperty("alertId").GetString());
        Assert.Equal(alert.ClipFrom, marker.GetProperty("clipFrom").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("from=2026-11-30T11:00:00Z&to=2026-11-30T10:00:00Z", "to", "reversed")]
    [InlineData("from=2026-11-30T10:00:00Z&to=2026-12-02T10:00:00Z", "to", "at most 24 hours")]
    [InlineData("to=2026-11-30T10:00:00Z", "from", "required")]
    [InlineData("from=yesterday&to=2026-11-30T10:00:00Z", "from", "not an ISO 8601 time")]
    public async Task BadRanges_AreProblemDetails(string query, string? field, string words)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        await using var factory = new VigilFactory(database);
        HttpClient operatorClient = await factory.ClientWithRolesAsync(Roles.Operator);

        HttpResponseMessage response = await operatorClient.GetAsync($"/api/cameras/lobby/recordings?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(words, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        }
    }

    [Fact]
    public async Task UnknownCameraOrSegment_Is404()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        await using var factory = new VigilFactory(database);
        HttpClient operatorClient = await factory.ClientWithRolesAsync(Roles.Operator);

        HttpResponseMessage timeline = await operatorClient.GetAsync($"/api/cameras/nowhere/recordings?from={Q(s_start)}&to={Q(s_start.AddHours(1))}");
        HttpResponseMessage playback = await operatorClient.PostAsJsonAsync("/api/cameras/nowhere/playback", new { from = s_start, to = s_start.AddHours(1) });
        HttpResponseMessage segment = await operatorClient.GetAsync($"/api/recordings/{Guid.NewGuid():N}");
        HttpResponseMessage badId = await operatorClient.GetAsync("/api/recordings/..%2F..%2Fvigil.db");

        Assert.All([timeline, playback, segment, badId], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Contains("No camera 'nowhere'", (await timeline.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASegment_IsServedOnlyInsideTheCallersOwnPlayback_InByteRanges()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        await using var factory = new VigilFactory(database);
        RecordingSegmentRecord[] segments = await SeedAsync(factory, "lobby", [0, 600], FootageKind.Motion);
        HttpClient viewer = await factory.ClientWithRolesAsync(Roles.Operator);
        HttpClient other = await factory.ClientWithRolesAsync(Roles.Operator);

        HttpResponseMessage before = await viewer.GetAsync($"/api/recordings/{segments[0].Id}");
        HttpResponseMessage play = await viewer.PostAsJsonAsync("/api/cameras/lobby/playback", new { from = s_start, to = s_start.AddMinutes(1) });
        JsonElement playback = await play.Content.ReadFromJsonAsync<JsonElement>();
        var range = new HttpRequestMessage(HttpMethod.Get, $"/api/recordings/{segments[0].Id}");
        range.Headers.Range = new RangeHeaderValue(4, 7);
        HttpResponseMessage partial = await viewer.SendAsync(range);
        HttpResponseMessage outside = await viewer.GetAsync($"/api/recordings/{segments[1].Id}");
        HttpResponseMessage someoneElse = await other.GetAsync($"/api/recordings/{segments[0].Id}");

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Contains("POST /api/cameras/lobby/playback", (await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, play.StatusCode);
        Assert.Equal([segments[0].Id], playback.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("video/mp4", partial.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ftyp"u8.ToArray(), await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, someoneElse.StatusCode);
        await using VigilDbContext db = factory.OpenDatabase();
        string detail = await db.AuditEntries.Where(e => e.Action == "recording-viewed").Select(e => e.Target + " " + e.Detail).SingleAsync();
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"camera/lobby {s_start:u} to {s_start.AddMinutes(1):u} (1 segment(s))"), detail);
    }

    private static string Q(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>10 s segments starting at these offsets (seconds) from <see cref="s_start"/>, each a small file.</summary>
    private static async Task<RecordingSegmentRecord[]> SeedAsync(VigilFactory factory, string camera, int[] offsets, FootageKind kind)
    {
        _ = factory.Server;
        var rows = offsets.Select(o => s_start.AddSeconds(o)).Select(start => new RecordingSegmentRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            CameraId = camera,
            File = $"{camera}/{start.UtcDateTime:yyyy-MM-dd}/{start.UtcDateTime:HH}/{start.UtcDateTime:mm.ss.fff}.mp4",
            StartedAt = start,
            EndedAt = start.AddSeconds(10),
            Bytes = 12,
            Sha256 = new string('0', 64),
            Kind = kind,
        }).ToArray();
        foreach (RecordingSegmentRecord row in rows)
        {
            string path = Path.Combine(factory.DataDirectory, "media", "recordings", row.File);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, [0, 0, 0, 12, .. "ftypisom"u8]);
        }

        await using VigilDbContext db = factory.OpenDatabase();
        db.RecordingSegments.AddRange(rows);
        await db.SaveChangesAsync();
        return rows;
    }
}
