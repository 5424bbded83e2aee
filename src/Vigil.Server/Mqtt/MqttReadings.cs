using System.Buffers;
using System.Text.Json;
using Vigil.Domain.Sensors;
using Vigil.Server.Sensors;

namespace Vigil.Server.Mqtt;

/// <summary>
/// Sensor readings from the broker (ADR 018): each message on <c>PREFIX/sensors/ID/readings</c> goes to
/// <see cref="SensorIngest"/> under the sensor its topic names, in the one reading shape HTTP takes too.
/// Which device may publish on which topic is the broker's to enforce (an ACL per sensor account).
/// Nothing a message holds can throw out of here: bad ones are counted per sensor and dropped.
/// </summary>
internal sealed class MqttReadings(SensorRegistry sensors, SensorIngest ingest)
{
    private const int MaxPayloadBytes = 256 * 1024;
    private long _messages;

    /// <summary>Messages received so far.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    public void Handle(MqttTopics topics, string topic, ReadOnlySequence<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(topics);
        Interlocked.Increment(ref _messages);
        string id = topics.SensorOfReadings(topic) ?? "invalid";
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
