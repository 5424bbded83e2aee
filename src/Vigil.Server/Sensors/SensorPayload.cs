using System.Globalization;
using System.Text.Json;

namespace Vigil.Server.Sensors;

/// <summary>
/// The one reading shape of every ingestion path, close to OGC SensorThings' Observation:
/// <c>{ "phenomenonTime": "2026-12-01T06:00:00Z", "result": 2.31, "unit": "m", "resultQuality": "..." }</c>,
/// or a batch: a JSON array of them, or <c>{ "readings": [ ... ] }</c>. Parsed tolerantly, reading by
/// reading, so one bad reading of a batch is refused alone.
/// </summary>
internal static class SensorPayload
{
    /// <summary>The most readings one message or request carries.</summary>
    public const int MaxBatch = 1000;

    /// <summary>The readings of a payload, or null when it is not one (then nothing of it is taken).</summary>
    public static List<RawReading>? Parse(JsonElement payload)
    {
        JsonElement list = payload;
        if (payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("readings", out JsonElement readings))
        {
            list = readings;
        }

        if (list.ValueKind == JsonValueKind.Object)
        {
            return [Read(list)];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var result = new List<RawReading>(list.GetArrayLength());
        foreach (JsonElement item in list.EnumerateArray())
        {
            result.Add(item.ValueKind == JsonValueKind.Object ? Read(item) : new RawReading(null, null, null));
        }

        return result;
    }

    private static RawReading Read(JsonElement item)
    {
        double? value = item.TryGetProperty("result", out JsonElement r) && r.ValueKind == JsonValueKind.Number && r.TryGetDouble(out double v) ? v : null;
        string? unit = item.TryGetProperty("unit", out JsonElement u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        DateTimeOffset? at = item.TryGetProperty("phenomenonTime", out JsonElement t) && t.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time)
            ? time.ToUniversalTime()
            : null;
        return new RawReading(value, unit, at);
    }
}
