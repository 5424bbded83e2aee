namespace Vigil.Data.Entities;

/// <summary>
/// One stored reading: a sensor and the time it was measured are its key, so a reading sent twice
/// (an MQTT redelivery, an HTTP retry) is stored once. <see cref="Flagged"/>: outside the kind's
/// physical range (a faulty sensor), kept for the plot, never alerted on.
/// </summary>
public sealed class SensorReadingRecord
{
    public required string SensorId { get; set; }

    public DateTimeOffset At { get; set; }

    public double Value { get; set; }

    public bool Flagged { get; set; }
}
