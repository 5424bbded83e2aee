using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MQTTnet;
using Vigil.Domain.Security;
using Vigil.Domain.Sensors;
using Vigil.Server.Hosting;

namespace Vigil.Server.Sensors;

/// <summary>
/// Sensor readings from the MQTT broker (ADR 018): subscribes to <c>TOPIC/sensors/+/readings</c> (QoS 1)
/// and hands each message to <see cref="SensorIngest"/> under the sensor its topic names. Which device
/// may publish on which topic is the broker's to enforce (an ACL per sensor account). The broker going
/// away is expected: the subscriber retries with backoff, forever, and nothing it receives can crash it.
/// </summary>
internal sealed class MqttIngest(IOptions<ServerOptions> options, SensorRegistry sensors, SensorIngest ingest, ILogger<MqttIngest> logger) : BackgroundService
{
    private const int MaxPayloadBytes = 256 * 1024;
    private readonly ServerOptions _options = options.Value;
    private long _messages;
    private int _connected;

    /// <summary>Messages received so far.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    public bool Connected => Volatile.Read(ref _connected) == 1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.MqttUrl is not { Length: > 0 } url || MqttUrlAttribute.Parse(url) is not { } broker)
        {
            return;
        }

        string filter = $"{_options.MqttTopic}/sensors/+/readings";
        var factory = new MqttClientFactory();
        using IMqttClient client = factory.CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            Handle(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload);
            return Task.CompletedTask;
        };
        client.DisconnectedAsync += _ =>
        {
            Volatile.Write(ref _connected, 0);
            return Task.CompletedTask;
        };
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId($"vigil-{_options.MqttTopic}-{Environment.MachineName}")
            .WithCleanSession(false)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (_options.MqttUsername is { Length: > 0 } user)
        {
            builder = builder.WithCredentials(user, _options.MqttPassword);
        }

        if (broker.Tls)
        {
            builder = builder.WithTlsOptions(o => o.UseTls());
        }

        MqttClientOptions clientOptions = builder.Build();
        TimeSpan delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!client.IsConnected)
                {
                    await client.ConnectAsync(clientOptions, stoppingToken).ConfigureAwait(false);
                    await client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS()).Build(), stoppingToken).ConfigureAwait(false);
                    Volatile.Write(ref _connected, 1);
                    ServerLog.MqttConnected(logger, broker.Host, broker.Port, filter);
                    delay = TimeSpan.FromSeconds(1);
                }

                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Adapter.MqttConnectingFailedException or OperationCanceledException or InvalidOperationException)
            {
                Volatile.Write(ref _connected, 0);
                ServerLog.MqttUnavailable(logger, broker.Host, broker.Port, Scrub(ex.Message), delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>An error message as it may be logged: no URL credentials, no password (a library may quote either).</summary>
    private string Scrub(string message)
    {
        string text = SecretText.Scrub(message, _options.MqttUrl);
        return _options.MqttPassword is { Length: >= 4 } password ? text.Replace(password, SecretText.Mask, StringComparison.Ordinal) : text;
    }

    /// <summary>One message: the sensor from its topic, the readings from its payload; nothing in it can throw out of here.</summary>
    private void Handle(string topic, ReadOnlySequence<byte> payload)
    {
        Interlocked.Increment(ref _messages);
        string[] levels = topic.Split('/');
        string id = levels.Length == 4 ? levels[2] : "invalid";
        if (sensors.Find(id) is not { } sensor)
        {
            ingest.Refused(id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? id : "invalid", ReadingCheck.UnknownSensor);
            return;
        }

        if (payload.Length > MaxPayloadBytes)
        {
            ingest.Refused(id, ReadingCheck.TooLarge);
            return;
        }

        List<RawReading>? readings;
        try
        {
            var reader = new Utf8JsonReader(payload);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            readings = SensorPayload.Parse(document.RootElement);
        }
        catch (JsonException)
        {
            readings = null;
        }

        if (readings is null)
        {
            ingest.Refused(id, ReadingCheck.Malformed);
        }
        else if (readings.Count > SensorPayload.MaxBatch)
        {
            ingest.Refused(id, ReadingCheck.TooLarge);
        }
        else
        {
            ingest.Accept(sensor, readings);
        }
    }
}
