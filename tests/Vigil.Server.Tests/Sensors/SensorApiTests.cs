using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Users;
using Vigil.Server.Oversight;
using Vigil.Server.Sensors;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Sensors;

/// <summary>
/// Readings over HTTP, on SQLite and PostgreSQL: a sensor's own account posts them, bad ones are
/// refused one by one (counted, never stored), good ones are stored once and move the sensor's stage;
/// operators read them back, downsampled over long ranges.
/// </summary>
public sealed class SensorApiTests : IDisposable
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
            retention: 30d
          - { id: yanuncay, kind: river_level, unit: cm, purpose: Flood warning for Cuenca, interval: 5m }
        """;

    private readonly TestConfigFile _config = new(Config);

    public void Dispose() => _config.Dispose();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ABatch_StoresTheGoodReadingsOnce_RefusesTheBadOnes_AndMovesTheStage(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await using var factory = new VigilFactory(database, configPath: _config.Path);
        HttpClient gauge = await factory.ClientForAsync("tomebamba", Roles.Sensor);
        HttpClient operatorClient = await factory.ClientWithRolesAsync(Roles.Operator);
        DateTimeOffset t0 = TimeProvider.System.GetUtcNow().AddHours(-1);
        object[] readings =
        [
            Reading(t0, 1.9),
            Reading(t0.AddMinutes(1), 2.1),
            Reading(t0.AddMinutes(2), 2.2),
            Reading(t0.AddMinutes(3), 2.3),
            Reading(t0.AddMinutes(3), 2.3),
            Reading(t0.AddMinutes(4), 640.0),
            new { phenomenonTime = Time(t0.AddMinutes(5)), result = "high" },
            new { phenomenonTime = Time(t0.AddMinutes(6)), result = 2.4, unit = "cm" },
            new { result = 2.4 },
            Reading(TimeProvider.System.GetUtcNow().AddHours(1), 2.4),
        ];

        HttpResponseMessage posted = await gauge.PostAsJsonAsync("/api/sensors/tomebamba/readings", new { readings });
        JsonElement answer = await posted.Content.ReadFromJsonAsync<JsonElement>();
        await WaitForRowsAsync(factory, 5);

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(6, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(
            [(6, "not_a_number"), (7, "wrong_unit"), (8, "no_time"), (9, "in_the_future")],
            answer.GetProperty("refused").EnumerateArray().Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("reason").GetString())));
        await using (VigilDbContext db = factory.OpenDatabase())
        {
            List<SensorReadingRecord> rows = await db.SensorReadings.Where(r => r.SensorId == "tomebamba").ToListAsync();
            Assert.Equal([1.9, 2.1, 2.2, 2.3, 640.0], rows.OrderBy(r => r.At).Select(r => r.Value));
            Assert.Equal([640.0], rows.Where(r => r.Flagged).Select(r => r.Value));
        }

        // Two minutes at or above 2.0 m: the action stage (the 640 m reading is a faulty sensor, not a flood).
        JsonElement sensors = await operatorClient.GetFromJsonAsync<JsonElement>("/api/sensors");
        JsonElement tomebamba = sensors.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "tomebamba");
        Assert.Equal("action", tomebamba.GetProperty("stage").GetString());
        Assert.Equal(2.3, tomebamba.GetProperty("lastValue").GetDouble());
        Assert.Equal(4, tomebamba.GetProperty("stages").GetArrayLength());

        JsonElement back = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/sensors/tomebamba/readings?from={Q(t0)}&to={Q(t0.AddMinutes(10))}");
        Assert.False(back.GetProperty("downsampled").GetBoolean());
        Assert.Equal(5, back.GetProperty("points").GetArrayLength());
        string metrics = await (await factory.ClientWithRolesAsync(Roles.Supervisor)).GetStringAsync("/metrics");
        Assert.Contains("vigil_sensor_readings_refused_total{sensor=\"tomebamba\",reason=\"wrong_unit\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("vigil_sensor_readings_total{sensor=\"tomebamba\"} 5", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OnlyTheSensorsOwnAccount_PostsIt_AndBadRequestsAreProblemDetails(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        await using var factory = new VigilFactory(database, configPath: _config.Path);
        HttpClient yanuncay = await factory.ClientForAsync("yanuncay", Roles.Sensor);
        HttpClient gauge = await factory.ClientForAsync("tomebamba", Roles.Sensor);
        DateTimeOffset now = TimeProvider.System.GetUtcNow();

        HttpResponseMessage other = await yanuncay.PostAsJsonAsync("/api/sensors/tomebamba/readings", Reading(now, 2));
        HttpResponseMessage unknown = await gauge.PostAsJsonAsync("/api/sensors/paute/readings", Reading(now, 2));
        HttpResponseMessage notJson = await gauge.PostAsync("/api/sensors/tomebamba/readings", new StringContent("2.3 metres", Encoding.UTF8, "application/json"));
        HttpResponseMessage tooMany = await gauge.PostAsJsonAsync("/api/sensors/tomebamba/readings", Enumerable.Range(0, 1001).Select(i => Reading(now.AddSeconds(-i), 2)).ToArray());
        HttpResponseMessage allBad = await gauge.PostAsJsonAsync("/api/sensors/tomebamba/readings", new { phenomenonTime = Time(now), result = "NaN" });
        HttpResponseMessage wrongShape = await gauge.PostAsJsonAsync("/api/sensors/tomebamba/readings", 2.3);

        await AssertProblemAsync(other, HttpStatusCode.Forbidden, "for sensor 'yanuncay' only");
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "No sensor 'paute'");
        await AssertProblemAsync(notJson, HttpStatusCode.BadRequest, "not JSON");
        await AssertProblemAsync(tooMany, HttpStatusCode.BadRequest, "at most 1000 readings");
        await AssertProblemAsync(allBad, HttpStatusCode.BadRequest, "'result' must be a finite number");
        await AssertProblemAsync(wrongShape, HttpStatusCode.BadRequest, "a reading is an object");
        await using VigilDbContext db = factory.OpenDatabase();
        Assert.Equal(0, await db.SensorReadings.CountAsync());

        // Every sensor is in the public registry with its purpose, as a camera is.
        JsonElement transparency = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/transparency.json");
        Assert.Equal(
            [("tomebamba", "river_level", "Flood warning for Cuenca"), ("yanuncay", "river_level", "Flood warning for Cuenca")],
            transparency.GetProperty("sensors").EnumerateArray().Select(x => (x.GetProperty("id").GetString(), x.GetProperty("kind").GetString(), x.GetProperty("purpose").GetString())));
        Assert.Contains("<h2>Sensors</h2><table>", await factory.CreateClient().GetStringAsync("/transparency"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALongRange_IsDownsampledToBucketsWithTheirMinimumAndMaximum_AndRetentionEndsOldReadings()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        await using var factory = new VigilFactory(database, configPath: _config.Path);
        DateTimeOffset end = TimeProvider.System.GetUtcNow();
        await using (VigilDbContext db = factory.OpenDatabase())
        {
            for (int i = 0; i < 5000; i++)
            {
                db.SensorReadings.Add(new SensorReadingRecord { SensorId = "tomebamba", At = end.AddMinutes(-i), Value = 1 + (i % 10 / 10.0) });
            }

            db.SensorReadings.Add(new SensorReadingRecord { SensorId = "tomebamba", At = end.AddDays(-40), Value = 1 });
            await db.SaveChangesAsync();
        }

        HttpClient operatorClient = await factory.ClientWithRolesAsync(Roles.Operator);
        JsonElement back = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/sensors/tomebamba/readings?from={Q(end.AddMinutes(-5000))}&to={Q(end.AddMinutes(1))}&points=100");
        await factory.Services.GetRequiredService<RetentionSweeper>().SweepAsync(CancellationToken.None);

        Assert.True(back.GetProperty("downsampled").GetBoolean());
        JsonElement[] points = [.. back.GetProperty("points").EnumerateArray()];
        Assert.InRange(points.Length, 90, 101);
        Assert.Equal(5000, points.Sum(p => p.GetProperty("count").GetInt32()));
        Assert.All(points, p => Assert.True(p.GetProperty("min").GetDouble() <= p.GetProperty("value").GetDouble() && p.GetProperty("value").GetDouble() <= p.GetProperty("max").GetDouble()));
        await using VigilDbContext after = factory.OpenDatabase();
        Assert.Equal(5000, await after.SensorReadings.CountAsync());
    }

    private static object Reading(DateTimeOffset at, double value) => new { phenomenonTime = Time(at), result = value };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Q(DateTimeOffset at) => Uri.EscapeDataString(Time(at));

    private static async Task WaitForRowsAsync(VigilFactory factory, int count)
    {
        SensorIngest ingest = factory.Services.GetRequiredService<SensorIngest>();
        for (int i = 0; i < 100 && (ingest.Stored < count || ingest.Pending > 0); i++)
        {
            await Task.Delay(50);
        }

        // The monitors run right after the batch is stored.
        await Task.Delay(100);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string words)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(words, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
