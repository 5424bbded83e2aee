using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Alerts;
using Vigil.Domain.Rules;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Api;

/// <summary>The alert queue and operators' actions, on SQLite and on PostgreSQL.</summary>
public sealed class AlertApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task List_PagesNewestFirst_AndFilters(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await using var factory = new VigilFactory(database);
        AlertRecord[] alerts = Enumerable.Range(0, 7)
            .Select(i => TestAlerts.New(camera: i % 2 == 0 ? "campus-path" : "lobby", severity: i == 3 ? Severity.Critical : Severity.Info))
            .ToArray();
        await factory.SeedAsync(alerts);
        HttpClient client = await factory.ClientWithRolesAsync(Roles.Dispatcher);

        JsonElement first = await client.GetFromJsonAsync<JsonElement>("/api/alerts?limit=3");
        JsonElement second = await client.GetFromJsonAsync<JsonElement>($"/api/alerts?limit=3&before={first.GetProperty("next").GetString()}");
        JsonElement lobby = await client.GetFromJsonAsync<JsonElement>("/api/alerts?camera=lobby");
        JsonElement critical = await client.GetFromJsonAsync<JsonElement>("/api/alerts?severity=critical,warning");

        string[] newestFirst = alerts.Select(a => a.Id).Reverse().ToArray();
        Assert.Equal(newestFirst[..3], Ids(first));
        Assert.Equal(newestFirst[3..6], Ids(second));
        Assert.Equal(3, lobby.GetProperty("items").GetArrayLength());
        Assert.All(lobby.GetProperty("items").EnumerateArray(), a => Assert.Equal("lobby", a.GetProperty("cameraId").GetString()));
        Assert.Equal([alerts[3].Id], Ids(critical));
        Assert.Equal("zone_entry", first.GetProperty("items")[0].GetProperty("kind").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Actions_FollowTheLifecycle_RecordWhoAndRefuseStaleVersions(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await using var factory = new VigilFactory(database);
        AlertRecord alert = TestAlerts.New();
        await factory.SeedAsync(alert);
        HttpClient client = await factory.ClientWithRolesAsync(Roles.Operator);

        HttpResponseMessage acknowledged = await client.PostAsJsonAsync($"/api/alerts/{alert.Id}/acknowledge", new { note = "<script>alert(1)</script> checking", version = 0 });
        HttpResponseMessage again = await client.PostAsync($"/api/alerts/{alert.Id}/acknowledge", null);
        HttpResponseMessage stale = await client.PostAsJsonAsync($"/api/alerts/{alert.Id}/escalate", new { version = 0 });
        HttpResponseMessage dismissed = await client.PostAsJsonAsync($"/api/alerts/{alert.Id}/dismiss", new { version = 1 });

        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        JsonElement body = await acknowledged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("acknowledged", body.GetProperty("state").GetString());
        // Script is stored as the operator typed it and leaves as JSON text (the console encodes it).
        Assert.Equal("<script>alert(1)</script> checking", body.GetProperty("note").GetString());
        Assert.DoesNotContain("<script>", await acknowledged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("cannot become acknowledged", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        await using VigilDbContext db = factory.OpenDatabase();
        AlertRecord stored = await db.Alerts.SingleAsync(a => a.Id == alert.Id);
        Assert.Equal(AlertState.Dismissed, stored.State);
        Assert.NotNull(stored.HandledBy);
        Assert.Equal(2, stored.Version);
        // One audit entry per action that happened; none for the refused ones.
        string[] audited = await db.AuditEntries.Where(e => e.Target == $"alert/{alert.Id}").OrderBy(e => e.Sequence).Select(e => e.Action).ToArrayAsync();
        Assert.Equal(["alert-acknowledged", "alert-dismissed"], audited);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BadInput_IsAProblem_AndChangesNothing(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await using var factory = new VigilFactory(database);
        AlertRecord alert = TestAlerts.New();
        await factory.SeedAsync(alert);
        HttpClient client = await factory.ClientWithRolesAsync(Roles.Operator);
        string act = $"/api/alerts/{alert.Id}/acknowledge";

        (HttpStatusCode Status, string Body)[] answers =
        [
            await SendAsync(client, HttpMethod.Post, act, "{\"note\": \"unterminated"),
            await SendAsync(client, HttpMethod.Post, act, "{\"note\": 42}"),
            await SendAsync(client, HttpMethod.Post, act, "{\"version\": \"three\"}"),
            await SendAsync(client, HttpMethod.Post, act, JsonSerializer.Serialize(new { note = new string('x', 1001) })),
            await SendAsync(client, HttpMethod.Post, act, JsonSerializer.Serialize(new { note = "bell\u0007" })),
            await SendAsync(client, HttpMethod.Post, act, "{\"note\": \"" + new string('x', 70_000) + "\"}"),
            await SendAsync(client, HttpMethod.Post, act, "note=hello", "application/x-www-form-urlencoded"),
            await SendAsync(client, HttpMethod.Get, "/api/alerts?limit=0"),
            await SendAsync(client, HttpMethod.Get, "/api/alerts?limit=abc"),
            await SendAsync(client, HttpMethod.Get, "/api/alerts?state=1"),
            await SendAsync(client, HttpMethod.Get, "/api/alerts?before=../../etc/passwd"),
            await SendAsync(client, HttpMethod.Get, "/api/alerts?since=yesterday"),
        ];
        (HttpStatusCode Status, string Body)[] missing =
        [
            await SendAsync(client, HttpMethod.Get, "/api/alerts/0123456789abcdef0123456789abcdef"),
            await SendAsync(client, HttpMethod.Get, "/api/alerts/..%2F..%2Fetc%2Fpasswd/snapshot.jpg"),
            await SendAsync(client, HttpMethod.Get, "/api/alerts/%3Cscript%3E"),
            await SendAsync(client, HttpMethod.Get, "/api/cameras/..%2Fvigil.db"),
            await SendAsync(client, HttpMethod.Post, "/api/alerts/not-an-id/dismiss", "{}"),
        ];

        HttpStatusCode[] expected =
        [
            HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest,
            HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType,
            HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest,
        ];
        Assert.Equal(expected, answers.Select(a => a.Status));
        Assert.All(missing, a => Assert.Equal(HttpStatusCode.NotFound, a.Status));
        Assert.All(answers.Concat(missing), a =>
        {
            using JsonDocument problem = JsonDocument.Parse(a.Body);
            Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()), a.Body);
        });
        Assert.Contains("note", answers[1].Body, StringComparison.Ordinal);
        await using VigilDbContext db = factory.OpenDatabase();
        AlertRecord stored = await db.Alerts.SingleAsync(a => a.Id == alert.Id);
        Assert.Equal((AlertState.New, 0, null), (stored.State, stored.Version, stored.Note));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Target == $"alert/{alert.Id}"));
    }

    private static async Task<(HttpStatusCode, string)> SendAsync(HttpClient client, HttpMethod method, string path, string? body = null, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }

        using HttpResponseMessage response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToArray();
}
