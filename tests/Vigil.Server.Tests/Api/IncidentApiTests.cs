using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Data.Entities;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Api;

/// <summary>From an alert to units on scene and a closed incident, through the API, with a clock the test moves.</summary>
public sealed class IncidentApiTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EscalatedAlert_ToClosedIncident_WithResponseTimes(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        var clock = new ManualClock(s_start);
        await using var factory = new VigilFactory(database, clock: clock);
        AlertRecord alert = TestAlerts.New();
        await factory.SeedAsync(alert);
        HttpClient operatorClient = await factory.ClientWithRolesAsync(Roles.Operator);
        HttpClient dispatcher = await factory.ClientWithRolesAsync(Roles.Dispatcher);

        JsonElement incident = await ReadAsync(await operatorClient.PostAsJsonAsync("/api/incidents", new { type = "crowd_safety", priority = 2, summary = "Crowd on the lower lawn", alertIds = new[] { alert.Id } }), HttpStatusCode.Created);
        string id = incident.GetProperty("id").GetString()!;
        Assert.Equal("escalated", (await operatorClient.GetFromJsonAsync<JsonElement>($"/api/alerts/{alert.Id}")).GetProperty("state").GetString());
        // The camera's position stands in for the incident's; the nearest patrol comes first.
        JsonElement[] recommended = [.. (await dispatcher.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/recommendations")).EnumerateArray()];
        Assert.Equal("police-1", recommended[0].GetProperty("unitId").GetString());
        Assert.All(recommended, r => Assert.Equal("police_patrol", r.GetProperty("type").GetString()));

        clock.Advance(TimeSpan.FromSeconds(45));
        await ReadAsync(await dispatcher.PostAsJsonAsync($"/api/incidents/{id}/dispatch", new { unitId = "police-1" }), HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromSeconds(30));
        await ReadAsync(await dispatcher.PostAsJsonAsync("/api/units/police-1/status", new { status = "en_route" }), HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromSeconds(200));
        await ReadAsync(await dispatcher.PostAsJsonAsync("/api/units/police-1/status", new { status = "on_scene", latitude = -0.2105, longitude = -78.4910 }), HttpStatusCode.OK);
        await ReadAsync(await operatorClient.PostAsJsonAsync($"/api/incidents/{id}/notes", new { text = "Crowd dispersing" }), HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(10));
        await ReadAsync(await dispatcher.PostAsJsonAsync($"/api/incidents/{id}/status", new { status = "resolved" }), HttpStatusCode.OK);
        HttpResponseMessage closeEarly = await dispatcher.PostAsJsonAsync($"/api/incidents/{id}/status", new { status = "closed" });
        await ReadAsync(await dispatcher.PostAsJsonAsync("/api/units/police-1/status", new { status = "available" }), HttpStatusCode.OK);
        JsonElement closed = await ReadAsync(await dispatcher.PostAsJsonAsync($"/api/incidents/{id}/status", new { status = "closed" }), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Conflict, closeEarly.StatusCode);
        Assert.Contains("still assigned", await closeEarly.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        JsonElement times = closed.GetProperty("responseTimes");
        Assert.Equal((45.0, 30.0, 200.0, 275.0), (times.GetProperty("callToDispatchSeconds").GetDouble(), times.GetProperty("turnoutSeconds").GetDouble(), times.GetProperty("travelSeconds").GetDouble(), times.GetProperty("totalSeconds").GetDouble()));
        Assert.Empty(times.GetProperty("missedTargets").EnumerateArray());
        Assert.Equal(["created", "dispatched", "unit", "unit", "note", "status", "unit", "status"], closed.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        JsonElement unit = (await dispatcher.GetFromJsonAsync<JsonElement>("/api/units")).EnumerateArray().Single(u => u.GetProperty("id").GetString() == "police-1");
        Assert.Equal(("available", JsonValueKind.Null), (unit.GetProperty("status").GetString(), unit.GetProperty("incidentId").ValueKind));
        HttpClient supervisor = await factory.ClientWithRolesAsync(Roles.Supervisor);
        JsonElement summary = Assert.Single((await supervisor.GetFromJsonAsync<JsonElement>($"/api/response-times?from={s_start.AddHours(-1):O}&to={s_start.AddHours(1):O}".Replace("+", "%2B", StringComparison.Ordinal))).EnumerateArray());
        Assert.Equal(("crowd_safety", 2, 1), (summary.GetProperty("type").GetString(), summary.GetProperty("priority").GetInt32(), summary.GetProperty("incidents").GetInt32()));
        Assert.Equal(200, summary.GetProperty("travel").GetProperty("p50Seconds").GetDouble());
        Assert.Equal(1.0, summary.GetProperty("travelTargetMet").GetDouble());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task InvalidMoves_AreRefused_NamingTheRule(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await using var factory = new VigilFactory(database);
        HttpClient dispatcher = await factory.ClientWithRolesAsync(Roles.Dispatcher);
        JsonElement incident = await ReadAsync(await dispatcher.PostAsJsonAsync("/api/incidents", new { type = "fire", summary = "Smoke from the roof", latitude = -0.21, longitude = -78.49 }), HttpStatusCode.Created);
        string id = incident.GetProperty("id").GetString()!;

        HttpResponseMessage onSceneFirst = await dispatcher.PostAsJsonAsync("/api/units/fire-1/status", new { status = "on_scene" });
        HttpResponseMessage resolveNew = await dispatcher.PostAsJsonAsync($"/api/incidents/{id}/status", new { status = "resolved" });
        await ReadAsync(await dispatcher.PostAsJsonAsync($"/api/incidents/{id}/dispatch", new { unitId = "fire-1" }), HttpStatusCode.OK);
        HttpResponseMessage twice = await dispatcher.PostAsJsonAsync($"/api/incidents/{id}/dispatch", new { unitId = "fire-1" });
        HttpResponseMessage unknownType = await dispatcher.PostAsJsonAsync("/api/incidents", new { type = "alien", summary = "x", latitude = 0, longitude = 0 });

        Assert.Equal(HttpStatusCode.Conflict, onSceneFirst.StatusCode);
        Assert.Contains("available cannot become on_scene", await onSceneFirst.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, resolveNew.StatusCode);
        Assert.Contains("new cannot become resolved", await resolveNew.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("dispatched cannot become dispatched", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownType.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoDispatchers_TakingTheSameUnitAtOnce_ExactlyOneWins(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await using var factory = new VigilFactory(database);
        HttpClient first = await factory.ClientWithRolesAsync(Roles.Dispatcher);
        HttpClient second = await factory.ClientWithRolesAsync(Roles.Dispatcher);
        string a = (await ReadAsync(await first.PostAsJsonAsync("/api/incidents", new { type = "medical", summary = "Fall on the stairs", latitude = -0.21, longitude = -78.49 }), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        string b = (await ReadAsync(await second.PostAsJsonAsync("/api/incidents", new { type = "medical", summary = "Cyclist down", latitude = -0.22, longitude = -78.50 }), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        int version = (await first.GetFromJsonAsync<JsonElement>("/api/units")).EnumerateArray().Single(u => u.GetProperty("id").GetString() == "amb-1").GetProperty("version").GetInt32();

        HttpResponseMessage[] answers = await Task.WhenAll(
            first.PostAsJsonAsync($"/api/incidents/{a}/dispatch", new { unitId = "amb-1", version }),
            second.PostAsJsonAsync($"/api/incidents/{b}/dispatch", new { unitId = "amb-1", version }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(r => r.StatusCode).Order());
        JsonElement unit = (await first.GetFromJsonAsync<JsonElement>("/api/units")).EnumerateArray().Single(u => u.GetProperty("id").GetString() == "amb-1");
        string winner = answers[0].StatusCode == HttpStatusCode.OK ? a : b;
        Assert.Equal(winner, unit.GetProperty("incidentId").GetString());
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
