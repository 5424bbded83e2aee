using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Vigil.Server.Sensors;
using Vigil.Testing;

namespace Vigil.Server.Benchmarks;

/// <summary>
/// Sustained sensor ingestion over MQTT (issue 23): SENSORS river gauges, each reading one JSON message
/// on its own topic at QoS 1, published as fast as 8 publishers get their acknowledgements through
/// Debian's mosquitto on loopback, for SECONDS; every reading must be stored. Reported: readings
/// published per second, stored per second while publishing, and how long the store took to catch up
/// after the last publish. Baseline in the same run: a bare MQTTnet subscriber on the same topics
/// counting what the broker delivers (the broker and client alone, no checks, no database). With
/// <c>cameras</c>, the demo's three cameras run in the same process (analysis, redaction, recording).
/// </summary>
internal static class SensorIngestBenchmark
{
    private const int Publishers = 8;

    public static async Task RunAsync(string[] args, TextWriter output)
    {
        int sensors = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        int seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        bool cameras = args.Length > 2 && args[2] == "cameras";
        string? database = args.Length > 3 ? args[3] : null;
        await using TestBroker broker = await TestBroker.StartAsync().ConfigureAwait(false);
        string config = Path.Combine(Path.GetTempPath(), $"vigil-sensor-bench-{Guid.NewGuid():N}.yaml");
        // With "cameras", the demo's three cameras run beside the ingestion, as on a real server.
        var yaml = new StringBuilder(cameras ? await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "config", "demo.yaml")).ConfigureAwait(false) + "\n" : "");
        yaml.Append("sensors:\n");
        for (int i = 0; i < sensors; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ id: gauge-{i}, kind: river_level, unit: m, purpose: Benchmark, interval: 1m, stages: {{ action: 2.0, minor: 2.5 }} }}\n");
        }

        await File.WriteAllTextAsync(config, yaml.ToString()).ConfigureAwait(false);
        try
        {
            await using BenchHost host = await BenchHost.StartAsync(config, database, pipelines: cameras, extra: new Dictionary<string, string?> { ["Vigil:MqttUrl"] = broker.Url }).ConfigureAwait(false);
            MqttIngest subscriber = host.App.Services.GetRequiredService<MqttIngest>();
            SensorIngest ingest = host.App.Services.GetRequiredService<SensorIngest>();
            while (!subscriber.Connected)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }

            long delivered = 0;
            var factory = new MqttClientFactory();
            using IMqttClient bare = factory.CreateMqttClient();
            bare.ApplicationMessageReceivedAsync += _ =>
            {
                Interlocked.Increment(ref delivered);
                return Task.CompletedTask;
            };
            await bare.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("bench-baseline").Build()).ConfigureAwait(false);
            await bare.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter(f => f.WithTopic("vigil/sensors/+/readings").WithAtLeastOnceQoS()).Build()).ConfigureAwait(false);

            long storedBefore = ingest.Stored;
            DateTimeOffset t0 = TimeProvider.System.GetUtcNow().AddDays(-1);
            var clock = Stopwatch.StartNew();
            long published = 0;
            TimeSpan window = TimeSpan.FromSeconds(seconds);
            await Task.WhenAll(Enumerable.Range(0, Publishers).Select(p => PublishAsync(factory, broker.Port, p, sensors, t0, window, clock, () => Interlocked.Increment(ref published)))).ConfigureAwait(false);
            double publishSeconds = clock.Elapsed.TotalSeconds;
            long storedWhilePublishing = ingest.Stored - storedBefore;
            while (ingest.Stored - storedBefore < published && clock.Elapsed < window + TimeSpan.FromMinutes(2))
            {
                await Task.Delay(20).ConfigureAwait(false);
            }

            double caughtUp = clock.Elapsed.TotalSeconds - publishSeconds;
            long stored = ingest.Stored - storedBefore;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{sensors} sensors, {Publishers} publishers at QoS 1, {seconds} s, {(database is null ? "SQLite" : "PostgreSQL")}, {(cameras ? "the demo's three cameras running" : "no cameras")}")).ConfigureAwait(false);
            await output.WriteLineAsync("| measure | readings | per second |").ConfigureAwait(false);
            await output.WriteLineAsync("|---|---|---|").ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| published (acknowledged by the broker) | {published} | {published / publishSeconds:0} |")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| delivered to a bare subscriber (baseline) | {Interlocked.Read(ref delivered)} | {Interlocked.Read(ref delivered) / publishSeconds:0} |")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| stored by Vigil while publishing | {storedWhilePublishing} | {storedWhilePublishing / publishSeconds:0} |")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| stored in all (caught up {caughtUp:0.0} s after the last publish) | {stored} | {stored / (publishSeconds + caughtUp):0} |")).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static async Task PublishAsync(MqttClientFactory factory, int port, int publisher, int sensors, DateTimeOffset t0, TimeSpan window, Stopwatch clock, Action published)
    {
        using IMqttClient client = factory.CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"bench-publisher-{publisher}").Build()).ConfigureAwait(false);
        for (long n = 0; clock.Elapsed < window; n++)
        {
            // Each publisher owns every 8th sensor and gives each reading a time of its own.
            int sensor = (int)((n * Publishers) + publisher) % sensors;
            long reading = ((n * Publishers) + publisher) / sensors;
            string at = (t0 + TimeSpan.FromSeconds(reading)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            string payload = string.Create(CultureInfo.InvariantCulture, $"{{\"phenomenonTime\":\"{at}\",\"result\":{1.0 + (reading % 100 / 100.0)}}}");
            await client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic($"vigil/sensors/gauge-{sensor}/readings")
                .WithPayload(Encoding.UTF8.GetBytes(payload))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build()).ConfigureAwait(false);
            published();
        }

        await client.DisconnectAsync().ConfigureAwait(false);
    }
}
