using System.Globalization;

namespace Vigil.Domain.Sensors;

/// <summary>
/// Whether a reading may be taken in at all (ingestion over MQTT and HTTP alike): its value is a
/// finite number, its unit (when it says one) is the sensor's, and it was not measured in the future.
/// A refused reading is counted and never stored; a reading outside the physical range is taken in,
/// flagged, and never alerted on (<see cref="SensorMonitor"/>).
/// </summary>
public static class ReadingCheck
{
    /// <summary>How far ahead of the server's clock a reading's time may be (sensor clocks drift).</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(5);

    /// <summary>Why the reading is refused, as a short reason for metrics (<see cref="Reasons"/>), or null.</summary>
    public static string? Problem(Sensor sensor, double? value, string? unit, DateTimeOffset? at, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        if (value is not { } v || !double.IsFinite(v))
        {
            return NotANumber;
        }

        if (unit is not null && !string.Equals(unit, sensor.Unit, StringComparison.Ordinal))
        {
            return WrongUnit;
        }

        if (at is not { } time)
        {
            return NoTime;
        }

        return time - now > MaxAhead ? InTheFuture : null;
    }

    /// <summary>What each reason means, for an HTTP client.</summary>
    public static string Explain(string reason, Sensor sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        return reason switch
        {
            NotANumber => "'result' must be a finite number",
            WrongUnit => $"'unit' must be the sensor's unit, {sensor.Unit} (or left out)",
            NoTime => "'phenomenonTime' is required: an ISO 8601 time, e.g. 2026-12-01T06:00:00Z",
            InTheFuture => string.Create(CultureInfo.InvariantCulture, $"'phenomenonTime' is more than {MaxAhead.TotalMinutes:0} minutes ahead of the server's clock; check the sensor's clock"),
            _ => reason,
        };
    }

    public const string NotANumber = "not_a_number";
    public const string WrongUnit = "wrong_unit";
    public const string NoTime = "no_time";
    public const string InTheFuture = "in_the_future";
    public const string UnknownSensor = "unknown_sensor";
    public const string TooLarge = "too_large";
    public const string Malformed = "malformed";

    /// <summary>Every reason a reading is refused, as metrics label it.</summary>
    public static IReadOnlyList<string> Reasons { get; } = [NotANumber, WrongUnit, NoTime, InTheFuture, UnknownSensor, TooLarge, Malformed];
}
