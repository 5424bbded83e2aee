using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Rules;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Sensors;

/// <summary>
/// A gauge's readings become alerts in the operators' queue, on SQLite and PostgreSQL: stored, then
/// pushed over SignalR; the stage episode follows the river up and ends when it falls back; a fast
/// rise is an alert of its own, before any stage; an incident opened from the alert is placed at the gauge.
/// </summary>
public sealed class SensorAlertTests : IDisposable
{
    private const string Config = """
        sensors:
          - id: tomebamba
            name: Tomebamba at El Vado
            kind: river_level
            unit: m
            purpose: Flood warning for Cuenca
            location: { lat: -2.9, lon: -79.0 }
            interval: 1m
            stages: { action: 2.0, minor: 2.5, moderate: 3.0, major: 3.5 }
            hysteresis: 0.1
            min_duration: 2m
            rise: { by: 0.5, within: 10m }
        """;

    private readonly TestConfigFile _config = new(Config);

    public void Dispose() => _config.Dispose();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AFlood_OpensOneStageAlert_UpdatesItAsTheRiverRises_AndEndsItWhenItFalls(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await using var factory = new VigilFactory(database, configPath: _config.Path);
        await using AlertWatch watch = await factory.WatchAlertsAsync();
        ChannelReader<JsonElement> pushed = watch.Alerts;
        HttpClient gauge = await factory.ClientForAsync("tomebamba", Roles.Sensor);
        DateTimeOffset t0 = TimeProvider.System.GetUtcNow().AddHours(-1);

        // Up through action and minor to moderate within minutes, then back down below every stage.
        double[] hydrograph = [1.6, 1.8, 2.1, 2.3, 2.4, 2.6, 2.8, 3.1, 3.2, 3.2, 2.7, 2.2, 1.9, 1.8, 1.7, 1.6];
        HttpResponseMessage posted = await gauge.PostAsJsonAsync("/api/sensors/tomebamba/readings", hydrograph.Select((v, i) => new { phenomenonTime = t0.AddMinutes(i), result = v }).ToArray());
        posted.EnsureSuccessStatusCode();

        var changes = new List<(string Change, string Kind, string Rule)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!changes.Any(c => c is ("ended", "sensor_stage", _)))
        {
            JsonElement push = await pushed.ReadAsync(timeout.Token);
            JsonElement alert = push.GetProperty("alert");
            Assert.Equal("tomebamba", alert.GetProperty("sensorId").GetString());
            changes.Add((push.GetProperty("change").GetString()!, alert.GetProperty("kind").GetString()!, alert.GetProperty("ruleId").GetString()!));
        }

        // Two minutes past a threshold before a stage changes: action at 4 min, moderate at 7 (minor was
        // passed through on the way), back to action at 12, below every stage at 15. The rise alerted at 3 min.
        Assert.Equal(
            [("opened", "action"), ("updated", "moderate"), ("updated", "action"), ("ended", "action")],
            changes.Where(c => c.Kind == "sensor_stage").Select(c => (c.Change, c.Rule)));
        Assert.Single(changes, c => c is ("opened", "sensor_rise", "rise"));
        await using VigilDbContext db = factory.OpenDatabase();
        List<AlertRecord> alerts = await db.Alerts.Where(a => a.SensorId == "tomebamba").ToListAsync();
        AlertRecord stage = Assert.Single(alerts, a => a.Kind == RuleKind.SensorStage);
        Assert.NotNull(stage.EndedAt);
        Assert.Equal(string.Empty, stage.CameraId);

        // An operator escalates it: the incident is placed at the gauge.
        HttpClient operatorClient = await factory.ClientWithRolesAsync(Roles.Operator);
        HttpResponseMessage incident = await operatorClient.PostAsJsonAsync("/api/incidents", new { type = "flood", priority = 1, summary = "Tomebamba over its banks at El Vado", alertIds = new[] { stage.Id } });
        JsonElement created = await incident.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((-2.9, -79.0, "Tomebamba at El Vado"), (created.GetProperty("latitude").GetDouble(), created.GetProperty("longitude").GetDouble(), created.GetProperty("location").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AGaugeThatStopsReporting_RaisesASilentAlert_EndedWhenItReportsAgain(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        var clock = new ManualClock(TimeProvider.System.GetUtcNow());
        await using var factory = new VigilFactory(database, configPath: _config.Path, clock: clock);
        await using AlertWatch watch = await factory.WatchAlertsAsync();
        ChannelReader<JsonElement> pushed = watch.Alerts;
        HttpClient gauge = await factory.ClientForAsync("tomebamba", Roles.Sensor);
        (await gauge.PostAsJsonAsync("/api/sensors/tomebamba/readings", new { phenomenonTime = clock.GetUtcNow(), result = 1.4 })).EnsureSuccessStatusCode();

        // Two missed intervals are not silence; three are (the ingest looks every 10 s).
        clock.Advance(TimeSpan.FromMinutes(2.5));
        await Task.Delay(TimeSpan.FromSeconds(11));
        Assert.False(pushed.TryRead(out _), "silent after only two and a half intervals");
        clock.Advance(TimeSpan.FromMinutes(1));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        JsonElement silent = (await pushed.ReadAsync(timeout.Token)).GetProperty("alert");
        Assert.Equal(("sensor_silent", "silent", "warning"), (silent.GetProperty("kind").GetString(), silent.GetProperty("ruleId").GetString(), silent.GetProperty("severity").GetString()));
        Assert.Equal(JsonValueKind.Null, silent.GetProperty("endedAt").ValueKind);

        // It reports again: the silence ends, on the same alert.
        (await gauge.PostAsJsonAsync("/api/sensors/tomebamba/readings", new { phenomenonTime = clock.GetUtcNow(), result = 1.5 })).EnsureSuccessStatusCode();
        JsonElement push = await pushed.ReadAsync(timeout.Token);
        Assert.Equal(("ended", silent.GetProperty("id").GetString()), (push.GetProperty("change").GetString(), push.GetProperty("alert").GetProperty("id").GetString()));
        await using VigilDbContext db = factory.OpenDatabase();
        AlertRecord stored = await db.Alerts.SingleAsync(a => a.Kind == RuleKind.SensorSilent);
        Assert.Equal(clock.GetUtcNow(), stored.EndedAt!.Value, TimeSpan.FromSeconds(1));
        JsonElement state = (await (await factory.ClientWithRolesAsync(Roles.Operator)).GetFromJsonAsync<JsonElement[]>("/api/sensors"))!.Single();
        Assert.False(state.GetProperty("silent").GetBoolean());
    }
}
