using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using Vigil.Cli.Demo;
using Vigil.Data.Entities;
using Vigil.Domain.Users;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Live;
using Vigil.Server.Mqtt;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Mqtt;

/// <summary>
/// What integrations get over MQTT, through the real broker: the server's status, each sensor's state
/// (retained, so a subscriber arriving later learns it at once), alerts as they open, and nothing that
/// is a picture or a track; a clean stop leaves <c>offline</c> on the status topic.
/// </summary>
public sealed class MqttEventsTests : IDisposable
{
    private const string Config = """
        sensors:
          - { id: tomebamba, name: Tomebamba at El Vado, kind: river_level, unit: m, purpose: Flood warning for Cuenca, interval: 1m, min_duration: 0s, stages: { action: 2.0, minor: 2.5 } }
        """;

    private readonly TestConfigFile _config = new(Config);

    public void Dispose() => _config.Dispose();

    [Fact]
    public async Task AlertsAndStates_ArePublished_RetainedWhereANewSubscriberNeedsThem_WithoutPicturesOrTracks()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        await using TestDatabase database = await TestDatabase.CreateAsync("sqlite");
        var factory = new VigilFactory(database, configPath: _config.Path, settings: new Dictionary<string, string> { ["Vigil:MqttUrl"] = broker.Url, ["Vigil:Site"] = "cuenca" });
        await using (factory)
        {
            await using Subscriber early = await Subscriber.StartAsync(broker, "vigil/cuenca/#");
            MqttConnection connection = factory.Services.GetRequiredService<MqttConnection>();
            await WaitAsync(() => connection.Connected, "the server to connect");
            Assert.Equal("online", (await early.NextAsync("vigil/cuenca/status")).Text);
            JsonElement normal = (await early.NextAsync("vigil/cuenca/sensors/tomebamba/state")).Json;
            Assert.Equal(JsonValueKind.Null, normal.GetProperty("stage").ValueKind);
            Assert.Equal("Tomebamba at El Vado", normal.GetProperty("name").GetString());

            // The river reaches its action stage: the alert event, then the state.
            HttpClient gauge = await factory.ClientForAsync("tomebamba", Roles.Sensor);
            (await gauge.PostAsJsonAsync("/api/sensors/tomebamba/readings", new { phenomenonTime = TimeProvider.System.GetUtcNow().AddSeconds(-5), result = 2.2 })).EnsureSuccessStatusCode();
            Received alert = await early.NextAsync("vigil/cuenca/sensors/tomebamba/alerts");
            Assert.False(alert.Retained);
            Assert.Equal("opened", alert.Json.GetProperty("change").GetString());
            Assert.Equal("sensor", alert.Json.GetProperty("source").GetString());
            Assert.Equal("sensor_stage", alert.Json.GetProperty("kind").GetString());
            Assert.Equal("action", alert.Json.GetProperty("rule").GetString());
            Assert.Equal(2.2, alert.Json.GetProperty("value").GetDouble());
            Received state = await early.NextAsync("vigil/cuenca/sensors/tomebamba/state");
            Assert.Equal("action", state.Json.GetProperty("stage").GetString());

            // A camera's alert: its event names the camera and carries no snapshot, no track, no staff.
            AlertRecord row = TestAlerts.New(camera: "campus-path");
            row.TrackId = 7;
            row.Snapshot = "snapshots/campus-path/one.jpg";
            row.HandledBy = "maria";
            row.Note = "called the caretaker";
            await factory.Services.GetRequiredService<OpsPush>().AlertAsync(new AlertPush("handled", AlertDto.From(row)), CancellationToken.None);
            Received camera = await early.NextAsync("vigil/cuenca/cameras/campus-path/alerts");
            string[] fields = [.. camera.Json.EnumerateObject().Select(p => p.Name)];
            Assert.Contains("zone", fields);
            Assert.DoesNotContain(fields, f => f.Contains("snapshot", StringComparison.OrdinalIgnoreCase) || f.Contains("track", StringComparison.OrdinalIgnoreCase)
                || f.Contains("handledBy", StringComparison.OrdinalIgnoreCase) || f.Contains("note", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("maria", camera.Text, StringComparison.Ordinal);

            // A subscriber arriving now gets the states at once, from the broker, not the alert events.
            await using Subscriber late = await Subscriber.StartAsync(broker, "vigil/cuenca/#");
            Received retained = await late.NextAsync("vigil/cuenca/sensors/tomebamba/state");
            Assert.True(retained.Retained);
            Assert.Equal("action", retained.Json.GetProperty("stage").GetString());
            Assert.Equal("online", (await late.NextAsync("vigil/cuenca/status")).Text);
            Assert.DoesNotContain(late.Topics, t => t.EndsWith("/alerts", StringComparison.Ordinal));
        }

        // The server stops cleanly: its status says so, for anyone who subscribes after.
        await using Subscriber after = await Subscriber.StartAsync(broker, "vigil/cuenca/status");
        Assert.Equal("offline", (await after.NextAsync("vigil/cuenca/status")).Text);
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"waited 30 s for {what}");
            await Task.Delay(50);
        }
    }

    private sealed record Received(string Topic, string Text, bool Retained)
    {
        public JsonElement Json => JsonDocument.Parse(Text).RootElement;
    }

    /// <summary>An integration's client: everything under a filter, in arrival order.</summary>
    private sealed class Subscriber : IAsyncDisposable
    {
        private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
        private readonly System.Threading.Channels.Channel<Received> _messages = System.Threading.Channels.Channel.CreateUnbounded<Received>();
        private readonly List<string> _topics = [];
        private readonly List<Received> _pending = [];

        public IReadOnlyList<string> Topics
        {
            get
            {
                lock (_topics)
                {
                    return [.. _topics];
                }
            }
        }

        public static async Task<Subscriber> StartAsync(MosquittoBroker broker, string filter)
        {
            var s = new Subscriber();
            s._client.ApplicationMessageReceivedAsync += e =>
            {
                lock (s._topics)
                {
                    s._topics.Add(e.ApplicationMessage.Topic);
                }

                s._messages.Writer.TryWrite(new Received(e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload), e.ApplicationMessage.Retain));
                return Task.CompletedTask;
            };
            await s._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("integration-" + Guid.NewGuid().ToString("N")[..8]).Build());
            await s._client.SubscribeAsync(new MqttClientFactory().CreateSubscribeOptionsBuilder().WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS()).Build());
            return s;
        }

        /// <summary>The next message on the topic not yet taken (those of other topics wait their turn).</summary>
        public async Task<Received> NextAsync(string topic)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (true)
            {
                int index = _pending.FindIndex(r => r.Topic == topic);
                if (index >= 0)
                {
                    Received found = _pending[index];
                    _pending.RemoveAt(index);
                    return found;
                }

                _pending.Add(await _messages.Reader.ReadAsync(timeout.Token));
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync();
            }

            _client.Dispose();
        }
    }
}
