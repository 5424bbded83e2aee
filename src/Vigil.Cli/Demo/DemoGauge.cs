using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;
using MQTTnet;
using MQTTnet.Protocol;

namespace Vigil.Cli.Demo;

/// <summary>
/// The demo's simulated river gauge (<c>./vigil demo</c>): publishes <see cref="DemoHydrograph"/> over
/// MQTT on its readings topic, as a real gauge would, every ten seconds. On start it sends what its
/// buffer holds: the base flow of the last hour it has not sent yet (it remembers the last reading it
/// sent in its state file), so the Sensors page has a line from the first second and a
/// restarted demo never writes over its own past. Readings go through the broker and the server's
/// subscriber like any device's.
/// </summary>
/// <param name="host">The broker's host.</param>
/// <param name="port">The broker's port.</param>
/// <param name="topic">The gauge's readings topic.</param>
/// <param name="stateFile">Where the gauge remembers the last reading it sent.</param>
/// <param name="subscribed">Whether the server has subscribed: the broker keeps nothing for a subscriber it has not met yet, so the gauge starts once the server listens.</param>
/// <param name="clock">The time readings are taken at.</param>
internal sealed class DemoGauge(string host, int port, string topic, string stateFile, Func<bool> subscribed, TimeProvider clock) : BackgroundService
{
    public const string SensorId = "machangara";
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var factory = new MqttClientFactory();
        using IMqttClient client = factory.CreateMqttClient();
        MqttClientOptions options = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId($"demo-gauge-{SensorId}").Build();
        DateTimeOffset start = clock.GetUtcNow();
        bool backfilled = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!subscribed())
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), clock, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                if (!client.IsConnected)
                {
                    await client.ConnectAsync(options, stoppingToken).ConfigureAwait(false);
                }

                DateTimeOffset now = clock.GetUtcNow();
                if (!backfilled)
                {
                    DateTimeOffset from = now - TimeSpan.FromHours(1);
                    if (await LastSentAsync().ConfigureAwait(false) is { } last && last + Interval > from)
                    {
                        from = last + Interval;
                    }

                    var buffer = new StringBuilder("[");
                    for (DateTimeOffset at = from; at < now; at += Interval)
                    {
                        buffer.Append(buffer.Length > 1 ? "," : "").Append(Reading(at, DemoHydrograph.LevelAt(at - now)));
                    }

                    if (buffer.Length > 1)
                    {
                        await PublishAsync(client, buffer.Append(']').ToString(), stoppingToken).ConfigureAwait(false);
                    }

                    backfilled = true;
                }

                await PublishAsync(client, Reading(now, DemoHydrograph.LevelAt(now - start)), stoppingToken).ConfigureAwait(false);
                await File.WriteAllTextAsync(stateFile, now.ToString("O", CultureInfo.InvariantCulture), stoppingToken).ConfigureAwait(false);
                await Task.Delay(Interval, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Adapter.MqttConnectingFailedException or OperationCanceledException or InvalidOperationException)
            {
                // The broker is starting or went away: a gauge keeps trying.
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<DateTimeOffset?> LastSentAsync()
    {
        try
        {
            string text = await File.ReadAllTextAsync(stateFile).ConfigureAwait(false);
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset at) ? at : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Reading(DateTimeOffset at, double level) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"phenomenonTime\":\"{at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\",\"result\":{level:0.000}}}");

    private async Task PublishAsync(IMqttClient client, string payload, CancellationToken cancellationToken) =>
        await client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cancellationToken).ConfigureAwait(false);
}
