using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Vigil.Domain.Sensors;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Hosting;
using Vigil.Server.Live;
using Vigil.Server.Observability;
using Vigil.Server.Pipelines;
using Vigil.Server.Sensors;

namespace Vigil.Server.Mqtt;

/// <summary>
/// What Vigil tells integrations over MQTT (ADR 018), taken from the live push after each change is
/// stored: alerts as they open, change and end; cameras' and sensors' states, retained so a new
/// subscriber learns the current state at once. Events only: no images, no tracks, no readings stream.
/// Messages wait on a bounded queue for <see cref="MqttConnection"/> (the oldest are dropped, counted,
/// when the broker is away long; the states are sent again whole on every reconnect).
/// </summary>
internal sealed class MqttEvents : IDisposable
{
    public const int Capacity = 10_000;
    private static readonly JsonSerializerOptions s_json = CreateJson();
    private readonly Channel<MqttOutbound> _queue;
    private readonly OpsPush _push;
    private readonly CameraRegistry _cameras;
    private readonly SensorRegistry _sensors;
    private readonly ServerMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly bool _subscribed;

    public MqttEvents(IOptions<ServerOptions> options, OpsPush push, CameraRegistry cameras, SensorRegistry sensors, ServerMetrics metrics, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(push);
        (_push, _cameras, _sensors, _metrics, _clock) = (push, cameras, sensors, metrics, clock);
        Topics = new MqttTopics(options.Value.MqttTopic, options.Value.Site);
        _queue = Channel.CreateBounded<MqttOutbound>(
            new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
            _ => metrics.MqttDropped.Increment());
        if (options.Value.MqttUrl is { Length: > 0 })
        {
            push.Changed += OnChanged;
            _subscribed = true;
        }
    }

    public MqttTopics Topics { get; }

    /// <summary>The messages waiting for the broker, oldest first.</summary>
    public ChannelReader<MqttOutbound> Queue => _queue.Reader;

    /// <summary>Every camera's and sensor's state now, as retained messages (sent on each connect).</summary>
    public IEnumerable<MqttOutbound> States()
    {
        DateTimeOffset now = _clock.GetUtcNow();
        foreach (SensorRuntime sensor in _sensors.All.OrderBy(s => s.Sensor.Id, StringComparer.Ordinal))
        {
            yield return Sensor(sensor.State(now));
        }

        foreach (CameraRuntime camera in _cameras.All)
        {
            yield return Camera(camera.State);
        }
    }

    public static byte[] Json<T>(T message) => JsonSerializer.SerializeToUtf8Bytes(message, s_json);

    public void Dispose()
    {
        if (_subscribed)
        {
            _push.Changed -= OnChanged;
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions();
        VigilHost.ConfigureJson(json);
        return json;
    }

    private void OnChanged(object change)
    {
        MqttOutbound? message = change switch
        {
            AlertPush a => Alert(a),
            CameraStateDto c => Camera(c),
            SensorStateDto s => Sensor(s),
            _ => null,
        };
        if (message is not null)
        {
            _queue.Writer.TryWrite(message);
        }
    }

    private MqttOutbound Alert(AlertPush push)
    {
        AlertDto a = push.Alert;
        bool sensor = a.SensorId is not null;
        string source = sensor ? a.SensorId! : a.CameraId;
        string name = sensor ? _sensors.FindName(source) : _cameras.Find(source)?.Camera.Name ?? source;
        var e = new MqttAlertEvent(
            push.Change, a.Id, sensor ? "sensor" : "camera", source, name, a.RuleId, a.Kind, a.ZoneId, a.LineId,
            a.Severity, a.State, a.Value, a.OpenedAt, a.UpdatedAt, a.EndedAt);
        return new MqttOutbound(sensor ? Topics.SensorAlerts(source) : Topics.CameraAlerts(source), Json(e), Retain: false);
    }

    private MqttOutbound Camera(CameraStateDto c) =>
        new(Topics.CameraState(c.CameraId), Json(new MqttCameraState(c.CameraId, _cameras.Find(c.CameraId)?.Camera.Name ?? c.CameraId, c.State, c.Reason, c.Since)), Retain: true);

    private MqttOutbound Sensor(SensorStateDto s)
    {
        Sensor? sensor = _sensors.Find(s.SensorId)?.Sensor;
        var state = new MqttSensorState(
            s.SensorId, sensor?.Name ?? s.SensorId, sensor is null ? "generic" : SensorKinds.Of(sensor.Kind).Name, sensor?.Unit ?? "",
            s.Stage, s.Severity, s.Silent, s.LastAt, s.LastValue, s.At);
        return new MqttOutbound(Topics.SensorState(s.SensorId), Json(state), Retain: true);
    }
}
