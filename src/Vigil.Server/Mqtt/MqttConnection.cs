using System.Text;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using Vigil.Domain.Security;
using Vigil.Server.Hosting;
using Vigil.Server.Observability;

namespace Vigil.Server.Mqtt;

/// <summary>
/// The one connection to the MQTT broker of <c>Vigil:MqttUrl</c> (ADR 018), owner of its client: a
/// persistent session (clean session off, QoS 1) subscribed to the sensors' readings
/// (<see cref="MqttReadings"/>), publishing what <see cref="MqttEvents"/> queues. On every connect it
/// publishes <c>online</c> on the retained status topic (the broker publishes <c>offline</c> there as
/// the server's last will) and every camera's and sensor's state. The broker going away is expected:
/// it retries with backoff, forever, and messages wait on the bounded queue meanwhile.
/// </summary>
internal sealed class MqttConnection(IOptions<ServerOptions> options, MqttReadings readings, MqttEvents events, ServerMetrics metrics, ILogger<MqttConnection> logger) : BackgroundService
{
    private static readonly byte[] s_online = Encoding.UTF8.GetBytes("online");
    private static readonly byte[] s_offline = Encoding.UTF8.GetBytes("offline");
    private readonly ServerOptions _options = options.Value;
    private int _connected;

    public bool Connected => Volatile.Read(ref _connected) == 1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.MqttUrl is not { Length: > 0 } url || MqttUrlAttribute.Parse(url) is not { } broker)
        {
            return;
        }

        MqttTopics topics = events.Topics;
        var factory = new MqttClientFactory();
        using IMqttClient client = factory.CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            readings.Handle(topics, e.ApplicationMessage.Topic, e.ApplicationMessage.Payload);
            return Task.CompletedTask;
        };
        client.DisconnectedAsync += _ =>
        {
            Volatile.Write(ref _connected, 0);
            return Task.CompletedTask;
        };
        MqttClientOptions clientOptions = ClientOptions(broker.Host, broker.Port, broker.Tls, topics);
        TimeSpan delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!client.IsConnected)
                {
                    await client.ConnectAsync(clientOptions, stoppingToken).ConfigureAwait(false);
                    await client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter(f => f.WithTopic(topics.ReadingsFilter).WithAtLeastOnceQoS()).Build(), stoppingToken).ConfigureAwait(false);
                    Volatile.Write(ref _connected, 1);
                    ServerLog.MqttConnected(logger, broker.Host, broker.Port, topics.ReadingsFilter);
                    await OnConnectedAsync(client, topics, stoppingToken).ConfigureAwait(false);
                    delay = TimeSpan.FromSeconds(1);
                }

                await DrainAsync(client, stoppingToken).ConfigureAwait(false);
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
            // A clean stop: say so on the status topic (the last will covers the rest), then leave.
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await PublishAsync(client, new MqttOutbound(topics.Status, s_offline, Retain: true), "status", timeout.Token).ConfigureAwait(false);
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                // The broker went first; its last will says offline.
            }
        }
    }

    private MqttClientOptions ClientOptions(string host, int port, bool tls, MqttTopics topics)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId($"vigil-{_options.MqttTopic}-{_options.Site}-{Environment.MachineName}")
            .WithCleanSession(false)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (_options.MqttUsername is { Length: > 0 } user)
        {
            builder = builder.WithCredentials(user, _options.MqttPassword);
        }

        if (tls)
        {
            builder = builder.WithTlsOptions(o => o.UseTls());
        }

        MqttClientOptions built = builder.Build();
        built.WillTopic = topics.Status;
        built.WillPayload = s_offline;
        built.WillRetain = true;
        built.WillQualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce;
        return built;
    }

    /// <summary>After each connect: what waited is sent first, then the status and every state now, so the retained states end current.</summary>
    private async Task OnConnectedAsync(IMqttClient client, MqttTopics topics, CancellationToken cancellationToken)
    {
        while (events.Queue.TryPeek(out MqttOutbound? waiting))
        {
            await PublishAsync(client, waiting, waiting.Retain ? "state" : "alert", cancellationToken).ConfigureAwait(false);
            events.Queue.TryRead(out _);
        }

        await PublishAsync(client, new MqttOutbound(topics.Status, s_online, Retain: true), "status", cancellationToken).ConfigureAwait(false);
        foreach (MqttOutbound state in events.States())
        {
            await PublishAsync(client, state, "state", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes queued messages while connected; returns every second to look at the connection.</summary>
    private async Task DrainAsync(IMqttClient client, CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        wait.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            while (client.IsConnected && await events.Queue.WaitToReadAsync(wait.Token).ConfigureAwait(false))
            {
                // A message leaves the queue only once the broker took it (QoS 1).
                while (client.IsConnected && events.Queue.TryPeek(out MqttOutbound? message))
                {
                    await PublishAsync(client, message, message.Retain ? "state" : "alert", stoppingToken).ConfigureAwait(false);
                    events.Queue.TryRead(out _);
                }
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // A quiet second: back to the connection check.
        }
    }

    private async Task PublishAsync(IMqttClient client, MqttOutbound message, string kind, CancellationToken cancellationToken)
    {
        MqttApplicationMessage built = new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithRetainFlag(message.Retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await client.PublishAsync(built, cancellationToken).ConfigureAwait(false);
        metrics.MqttPublished.Increment(kind);
    }

    /// <summary>An error message as it may be logged: no URL credentials, no password (a library may quote either).</summary>
    private string Scrub(string message)
    {
        string text = SecretText.Scrub(message, _options.MqttUrl);
        return _options.MqttPassword is { Length: >= 4 } password ? text.Replace(password, SecretText.Mask, StringComparison.Ordinal) : text;
    }
}
