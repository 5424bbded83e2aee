namespace Vigil.Server.Observability;

/// <summary>The instruments the host updates as it works; the camera sessions' counters are read at scrape time.</summary>
internal sealed class ServerMetrics
{
    private static readonly double[] s_inferenceBounds = [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1];
    private static readonly double[] s_httpBounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    public Histogram InferenceSeconds { get; } = new("vigil_inference_seconds", "Object detector inference time per call.", s_inferenceBounds);

    public LabelledCounter Alerts { get; } = new("vigil_alerts_total", "Alerts opened.", "camera", "rule", "severity");

    public LabelledCounter HttpRequests { get; } = new("vigil_http_requests_total", "HTTP requests handled.", "method", "route", "status");

    public Histogram HttpSeconds { get; } = new("vigil_http_request_seconds", "HTTP request duration (streams excluded).", s_httpBounds);

    public LabelledCounter SensorReadings { get; } = new("vigil_sensor_readings_total", "Sensor readings stored.", "sensor");

    public LabelledCounter SensorReadingsRefused { get; } = new("vigil_sensor_readings_refused_total", "Sensor readings refused and not stored, by reason (not_a_number, wrong_unit, no_time, in_the_future, unknown_sensor, too_large, malformed, busy).", "sensor", "reason");

    public LabelledCounter SensorEvents { get; } = new("vigil_sensor_events_total", "What sensors' readings came to (stage raised or lowered, rising fast, silent, resumed, out of range).", "sensor", "kind");

    public LabelledCounter MqttPublished { get; } = new("vigil_mqtt_published_total", "Messages published to the MQTT broker (alert events, retained states, status).", "kind");

    public LabelledCounter MqttDropped { get; } = new("vigil_mqtt_dropped_total", "MQTT messages dropped unsent because the broker was away and the queue was full (states are sent again on reconnect).");

    public LabelledCounter OriginalSegments { get; } = new("vigil_original_segments_total", "Original segments sealed and written (cameras that keep originals).", "camera");

    public LabelledCounter AlertWriteFailures { get; } = new("vigil_alert_write_failures_total", "Failed attempts to store alerts (retried).");
}
