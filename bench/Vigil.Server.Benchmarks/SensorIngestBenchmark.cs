using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Vigil.Cli.Demo;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Live;
using Vigil.Server.Mqtt;
using Vigil.Server.Sensors;

namespace Vigil.Server.Benchmarks;

/// <summary>
/// Sustained sensor ingestion over MQTT (issue 23): SENSORS river gauges, each reading one JSON message
/// on its own topic at QoS 1, published as fast as 8 publishers get their acknowledgements through
/// Debian's mosquitto on loopback, for SECONDS; every reading must be stored. Reported: readings
/// published per second, stored per second while publishing, and how long the store took to catch up
/// after the last publish. Baseline in the same run: a bare MQTTnet subscriber on the same topics
/// counting what the broker delivers (the broker and client alone, no checks, no database). With
/// <c>cameras</c>, the demo's three cameras run in the same process (analysis, redaction, recording).
/// Meanwhile a probe gauge (no minimum duration) crosses its stage up and down four times a second:
/// from its reading's publish to the alert's push (the live push to the console and SignalR) and to
/// the alert event's arrival at an MQTT subscriber of Vigil's out topics; baseline: the same reading's
/// trip through the broker alone to the bare subscriber.
/// </summary>
internal static class SensorIngestBenchmark
{
    private const int Publishers = 8;
    private const string ProbeTopic = "vigil/main/sensors/probe/readings";

    /// <summary>This run's sensor ids start with it: a PostgreSQL database kept from an earlier run already holds that run's readings, which would be left out as repeats.</summary>
    private static readonly string s_run = "g" + Guid.NewGuid().ToString("N")[..6];

    public static async Task RunAsync(string[] args, TextWriter output)
    {
        int sensors = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        int seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        bool cameras = args.Length > 2 && args[2] == "cameras";
        string? database = args.Length > 3 && args[3] != "sqlite" ? args[3] : null;
        // Readings per second in all, paced; 0 (the default): as fast as the broker acknowledges.
        double rate = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 0;
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync().ConfigureAwait(false);
        string config = Path.Combine(Path.GetTempPath(), $"vigil-sensor-bench-{Guid.NewGuid():N}.yaml");
        // With "cameras", the demo's three cameras run beside the ingestion, as on a real server (its own
        // gauge too, which nothing feeds here); the benchmark's sensors join the demo's list.
        string demo = cameras ? await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "config", "demo.yaml")).ConfigureAwait(false) : "";
        int list = demo.IndexOf("\nsensors:\n", StringComparison.Ordinal);
        var yaml = new StringBuilder(list < 0 ? demo + "\nsensors:\n" : demo[..(list + "\nsensors:\n".Length)]);
        yaml.Append("  - { id: probe, kind: river_level, unit: m, purpose: Benchmark probe, interval: 1m, min_duration: 0s, stages: { action: 2.0 } }\n");
        for (int i = 0; i < sensors; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ id: {s_run}-{i}, kind: river_level, unit: m, purpose: Benchmark, interval: 1m, stages: {{ action: 2.0, minor: 2.5 }} }}\n");
        }

        yaml.Append(list < 0 ? "" : demo[(list + "\nsensors:\n".Length)..]);

        await File.WriteAllTextAsync(config, yaml.ToString()).ConfigureAwait(false);
        try
        {
            await using BenchHost host = await BenchHost.StartAsync(config, database, pipelines: cameras, extra: new Dictionary<string, string?> { ["Vigil:MqttUrl"] = broker.Url }).ConfigureAwait(false);
            MqttConnection subscriber = host.App.Services.GetRequiredService<MqttConnection>();
            SensorIngest ingest = host.App.Services.GetRequiredService<SensorIngest>();
            while (!subscriber.Connected)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }

            long delivered = 0;
            var probe = new Probe();
            var factory = new MqttClientFactory();
            using IMqttClient bare = factory.CreateMqttClient();
            bare.ApplicationMessageReceivedAsync += e =>
            {
                if (e.ApplicationMessage.Topic == ProbeTopic)
                {
                    probe.Seen(probe.Broker, Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
                }
                else if (e.ApplicationMessage.Topic.EndsWith("/readings", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref delivered);
                }
                else if (e.ApplicationMessage.Topic == "vigil/main/sensors/probe/alerts")
                {
                    probe.Seen(probe.Mqtt, Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
                }

                return Task.CompletedTask;
            };
            await bare.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("bench-baseline").Build()).ConfigureAwait(false);
            await bare.SubscribeAsync(factory.CreateSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic("vigil/main/sensors/+/readings").WithAtLeastOnceQoS())
                .WithTopicFilter(f => f.WithTopic("vigil/main/sensors/probe/alerts").WithAtLeastOnceQoS())
                .Build()).ConfigureAwait(false);
            OpsPush push = host.App.Services.GetRequiredService<OpsPush>();
            void OnPushed(object change)
            {
                if (change is AlertPush { Alert.SensorId: "probe" } a)
                {
                    probe.Seen(probe.Pushed, a.Alert.Value);
                }
            }

            push.Changed += OnPushed;

            long storedBefore = ingest.Stored;
            DateTimeOffset t0 = TimeProvider.System.GetUtcNow().AddDays(-1);
            var clock = Stopwatch.StartNew();
            long published = 0;
            TimeSpan window = TimeSpan.FromSeconds(seconds);
            await Task.WhenAll(Enumerable.Range(0, Publishers).Select(p => PublishAsync(factory, broker.Port, p, sensors, rate / Publishers, t0, window, clock, () => Interlocked.Increment(ref published)))
                .Append(ProbeAsync(factory, broker.Port, probe, window, clock))).ConfigureAwait(false);
            double publishSeconds = clock.Elapsed.TotalSeconds;
            // The probe's readings are stored too; they are not part of the load.
            long storedWhilePublishing = ingest.Stored - storedBefore - probe.Crossings;
            while (ingest.Stored - storedBefore - probe.Crossings < published && clock.Elapsed < window + TimeSpan.FromMinutes(2))
            {
                await Task.Delay(20).ConfigureAwait(false);
            }

            double caughtUp = clock.Elapsed.TotalSeconds - publishSeconds;
            long stored = ingest.Stored - storedBefore - probe.Crossings;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{sensors} sensors, {Publishers} publishers at QoS 1, {seconds} s, {(rate > 0 ? $"paced at {rate:0}/s" : "as fast as acknowledged")}, {(database is null ? "SQLite" : "PostgreSQL")}, {(cameras ? "the demo's three cameras running" : "no cameras")}")).ConfigureAwait(false);
            await output.WriteLineAsync("| measure | readings | per second |").ConfigureAwait(false);
            await output.WriteLineAsync("|---|---|---|").ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| published (acknowledged by the broker) | {published} | {published / publishSeconds:0} |")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| delivered to a bare subscriber (baseline) | {Interlocked.Read(ref delivered)} | {Interlocked.Read(ref delivered) / publishSeconds:0} |")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| stored by Vigil while publishing | {storedWhilePublishing} | {storedWhilePublishing / publishSeconds:0} |")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| stored in all (caught up {caughtUp:0.0} s after the last publish) | {stored} | {stored / (publishSeconds + caughtUp):0} |")).ConfigureAwait(false);
            await Task.Delay(500).ConfigureAwait(false);
            push.Changed -= OnPushed;
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"probe: {probe.Crossings} stage crossings published")).ConfigureAwait(false);
            await output.WriteLineAsync($"- reading -> alert pushed (stored, then live push): {BenchHost.Percentiles(probe.Pushed)}").ConfigureAwait(false);
            await output.WriteLineAsync($"- reading -> alert event at an MQTT subscriber: {BenchHost.Percentiles(probe.Mqtt)}").ConfigureAwait(false);
            await output.WriteLineAsync($"- baseline, reading -> bare subscriber through the broker: {BenchHost.Percentiles(probe.Broker)}").ConfigureAwait(false);
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static async Task PublishAsync(MqttClientFactory factory, int port, int publisher, int sensors, double rate, DateTimeOffset t0, TimeSpan window, Stopwatch clock, Action published)
    {
        using IMqttClient client = factory.CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"bench-publisher-{publisher}").Build()).ConfigureAwait(false);
        for (long n = 0; clock.Elapsed < window; n++)
        {
            // Each publisher owns every 8th sensor and gives each reading a time of its own.
            while (rate > 0 && n >= clock.Elapsed.TotalSeconds * rate && clock.Elapsed < window)
            {
                await Task.Delay(5).ConfigureAwait(false);
            }

            int sensor = (int)((n * Publishers) + publisher) % sensors;
            long reading = ((n * Publishers) + publisher) / sensors;
            string at = (t0 + TimeSpan.FromSeconds(reading)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            string payload = string.Create(CultureInfo.InvariantCulture, $"{{\"phenomenonTime\":\"{at}\",\"result\":{1.0 + (reading % 100 / 100.0)}}}");
            await client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic($"vigil/main/sensors/{s_run}-{sensor}/readings")
                .WithPayload(Encoding.UTF8.GetBytes(payload))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build()).ConfigureAwait(false);
            published();
        }

        await client.DisconnectAsync().ConfigureAwait(false);
    }

    /// <summary>The probe gauge: alternately above and below its one stage, each value unique so its alert's value names the reading.</summary>
    private static async Task ProbeAsync(MqttClientFactory factory, int port, Probe probe, TimeSpan window, Stopwatch clock)
    {
        using IMqttClient client = factory.CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("bench-probe").Build()).ConfigureAwait(false);
        await Task.Delay(500).ConfigureAwait(false);
        for (int n = 0; clock.Elapsed < window; n++)
        {
            double value = Math.Round((n % 2 == 0 ? 3.0 : 1.0) + (n * 0.0001), 4);
            string at = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            string payload = string.Create(CultureInfo.InvariantCulture, $"{{\"phenomenonTime\":\"{at}\",\"result\":{value}}}");
            probe.Sent(value);
            await client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(ProbeTopic)
                .WithPayload(Encoding.UTF8.GetBytes(payload))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build()).ConfigureAwait(false);
            await Task.Delay(250).ConfigureAwait(false);
        }

        await client.DisconnectAsync().ConfigureAwait(false);
    }
}
