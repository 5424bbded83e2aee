namespace Vigil.Server.Mqtt;

/// <summary>
/// Every MQTT topic Vigil uses, under <c>ROOT/SITE</c> (<c>vigil/main</c> unless configured), so
/// several centres can share one broker (README, "MQTT"). In: sensors' readings. Out, events only:
/// alerts as they change, cameras' and sensors' states (retained) and the server's own status
/// (retained, <c>offline</c> as its last will).
/// </summary>
internal sealed class MqttTopics(string root, string site)
{
    public string Prefix { get; } = $"{root}/{site}";

    /// <summary>What the server subscribes to: <c>PREFIX/sensors/+/readings</c>.</summary>
    public string ReadingsFilter => $"{Prefix}/sensors/+/readings";

    /// <summary><c>online</c> while the server is connected, <c>offline</c> otherwise (retained).</summary>
    public string Status => $"{Prefix}/status";

    /// <summary>Where a sensor publishes its readings.</summary>
    public string SensorReadings(string sensorId) => $"{Prefix}/sensors/{sensorId}/readings";

    public string SensorState(string sensorId) => $"{Prefix}/sensors/{sensorId}/state";

    public string SensorAlerts(string sensorId) => $"{Prefix}/sensors/{sensorId}/alerts";

    public string CameraState(string cameraId) => $"{Prefix}/cameras/{cameraId}/state";

    public string CameraAlerts(string cameraId) => $"{Prefix}/cameras/{cameraId}/alerts";

    /// <summary>The sensor a readings topic names, or null when the topic is not one (<c>PREFIX/sensors/ID/readings</c>).</summary>
    public string? SensorOfReadings(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        const string Middle = "/sensors/";
        const string End = "/readings";
        if (!topic.StartsWith(Prefix, StringComparison.Ordinal) || !topic.EndsWith(End, StringComparison.Ordinal)
            || string.CompareOrdinal(topic, Prefix.Length, Middle, 0, Middle.Length) != 0)
        {
            return null;
        }

        int start = Prefix.Length + Middle.Length;
        int length = topic.Length - End.Length - start;
        return length > 0 && topic.IndexOf('/', start, length) < 0 ? topic.Substring(start, length) : null;
    }
}
