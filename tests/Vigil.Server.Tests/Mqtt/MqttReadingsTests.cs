using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using Vigil.Cli.Demo;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Users;
using Vigil.Server.Mqtt;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Mqtt;

/// <summary>
/// Readings through a real broker (Debian's mosquitto): published on a sensor's topic they are stored
/// and, past a stage for its minimum duration, become an alert stored then pushed (both databases);
/// garbage on the topic is counted, not stored, and does not stop the subscriber; when the broker goes
/// away readings over HTTP are still stored, and when it comes back the subscriber reconnects.
/// </summary>
public sealed class MqttReadingsTests : IDisposable
{
    private const string Config = """
        sensors:
          - { id: tomebamba, kind: river_level, unit: m, purpose: Flood warning for Cuenca, interval: 1m }
        """;

    private readonly TestConfigFile _config = new(Config);

    public void Dispose() => _config.Dispose();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AReadingPublishedOverTheBroker_BecomesAnAlert_StoredThenPushed(string provider)
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        using var staged = new TestConfigFile("""
            sensors:
              - { id: tomebamba, kind: river_level, unit: m, purpose: Flood warning for Cuenca, interval: 1m, min_duration: 2m, stages: { action: 2.0 } }
            """);
        await using var factory = new VigilFactory(database, configPath: staged.Path, settings: new Dictionary<string, string> { ["Vigil:MqttUrl"] = broker.Url });
        await using AlertWatch watch = await factory.WatchAlertsAsync();
        ChannelReader<JsonElement> pushed = watch.Alerts;
        MqttConnection subscriber = factory.Services.GetRequiredService<MqttConnection>();
        await WaitAsync(() => subscriber.Connected, "the subscriber to connect");
        DateTimeOffset t0 = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().AddMinutes(-10).ToUnixTimeMilliseconds());

        // Above the stage for one minute: nothing (the minimum is two); for two: the alert.
        using (IMqttClient gauge = await ConnectAsync(broker))
        {
            await PublishAsync(gauge, "vigil/main/sensors/tomebamba/readings", $$"""[{"phenomenonTime":"{{T(t0)}}","result":1.8},{"phenomenonTime":"{{T(t0.AddMinutes(1))}}","result":2.2},{"phenomenonTime":"{{T(t0.AddMinutes(2))}}","result":2.3}]""");
            await WaitForReadingsAsync(factory, 3);
            Assert.False(pushed.TryRead(out _), "an alert after one minute above the stage");
            await PublishAsync(gauge, "vigil/main/sensors/tomebamba/readings", $$"""{"phenomenonTime":"{{T(t0.AddMinutes(3))}}","result":2.4}""");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        JsonElement alert = (await pushed.ReadAsync(timeout.Token)).GetProperty("alert");
        Assert.Equal(("tomebamba", "action", 2.4), (alert.GetProperty("sensorId").GetString(), alert.GetProperty("ruleId").GetString(), alert.GetProperty("value").GetDouble()));
        await using VigilDbContext db = factory.OpenDatabase();
        AlertRecord stored = await db.Alerts.SingleAsync();
        Assert.Equal((alert.GetProperty("id").GetString(), "tomebamba", t0.AddMinutes(3)), (stored.Id, stored.SensorId, stored.OpenedAt));
    }

    [Fact]
    public async Task ReadingsOverTheBroker_AreStored_AndTheSubscriberOutlivesTheBroker()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        await using var factory = new VigilFactory(database, configPath: _config.Path, settings: new Dictionary<string, string> { ["Vigil:MqttUrl"] = broker.Url });
        MqttConnection subscriber = factory.Services.GetRequiredService<MqttConnection>();
        await WaitAsync(() => subscriber.Connected, "the subscriber to connect");
        DateTimeOffset t0 = TimeProvider.System.GetUtcNow().AddMinutes(-30);

        using (IMqttClient gauge = await ConnectAsync(broker))
        {
            await PublishAsync(gauge, "vigil/main/sensors/tomebamba/readings", $$"""[{"phenomenonTime":"{{T(t0)}}","result":1.5},{"phenomenonTime":"{{T(t0.AddMinutes(1))}}","result":1.6}]""");
            await PublishAsync(gauge, "vigil/main/sensors/tomebamba/readings", "not json at all");
            await PublishAsync(gauge, "vigil/main/sensors/nowhere/readings", $$"""{"phenomenonTime":"{{T(t0)}}","result":1}""");
            await PublishAsync(gauge, "vigil/main/sensors/tomebamba/readings", $$"""{"phenomenonTime":"{{T(t0.AddMinutes(2))}}","result":1.7}""");
        }

        await WaitForReadingsAsync(factory, 3);

        // The broker goes away; readings over HTTP are still taken.
        await broker.StopAsync();
        await WaitAsync(() => !subscriber.Connected, "the subscriber to notice");
        HttpClient http = await factory.ClientForAsync("tomebamba", Roles.Sensor);
        HttpResponseMessage posted = await http.PostAsJsonAsync("/api/sensors/tomebamba/readings", new { phenomenonTime = t0.AddMinutes(3), result = 1.8 });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        await WaitForReadingsAsync(factory, 4);

        // It comes back: the subscriber reconnects and readings flow again.
        await broker.StartAgainAsync();
        await WaitAsync(() => subscriber.Connected, "the subscriber to reconnect");
        using (IMqttClient gauge = await ConnectAsync(broker))
        {
            await PublishAsync(gauge, "vigil/main/sensors/tomebamba/readings", $$"""{"phenomenonTime":"{{T(t0.AddMinutes(4))}}","result":1.9}""");
        }

        await WaitForReadingsAsync(factory, 5);
        await using VigilDbContext db = factory.OpenDatabase();
        Assert.Equal([1.5, 1.6, 1.7, 1.8, 1.9], await db.SensorReadings.OrderBy(r => r.At).Select(r => r.Value).ToListAsync());
        string metrics = await (await factory.ClientWithRolesAsync(Roles.Supervisor)).GetStringAsync("/metrics");
        Assert.Contains("vigil_sensor_readings_refused_total{sensor=\"tomebamba\",reason=\"malformed\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("vigil_sensor_readings_refused_total{sensor=\"nowhere\",reason=\"unknown_sensor\"} 1", metrics, StringComparison.Ordinal);
    }

    private static string T(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<IMqttClient> ConnectAsync(MosquittoBroker broker)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("gauge-" + Guid.NewGuid().ToString("N")[..8]).Build());
        return client;
    }

    private static async Task PublishAsync(IMqttClient client, string topic, string payload) =>
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());

    private static async Task WaitForReadingsAsync(VigilFactory factory, int count)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using VigilDbContext db = factory.OpenDatabase();
            int stored = await db.SensorReadings.CountAsync();
            if (stored >= count)
            {
                return;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"only {stored} of {count} readings stored");
            await Task.Delay(50);
        }
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"waited 60 s for {what}");
            await Task.Delay(50);
        }
    }
}
