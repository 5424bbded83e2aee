using System.Diagnostics;
using System.Text.Json;

namespace Vigil.Server.Benchmarks;

/// <summary>When each probe reading was published, and how long after it each of its echoes arrived (milliseconds).</summary>
internal sealed class Probe
{
    private readonly Dictionary<double, long> _sent = [];
    private readonly Lock _lock = new();

    public List<double> Pushed { get; } = [];

    public List<double> Mqtt { get; } = [];

    public List<double> Broker { get; } = [];

    public int Crossings { get; private set; }

    public void Sent(double value)
    {
        lock (_lock)
        {
            _sent[value] = Stopwatch.GetTimestamp();
            Crossings++;
        }
    }

    /// <summary>An echo carrying the reading's value (an alert's value, or the reading itself).</summary>
    public void Seen(List<double> samples, double? value)
    {
        long now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            if (value is { } v && _sent.TryGetValue(Math.Round(v, 4), out long sent))
            {
                samples.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
            }
        }
    }

    /// <summary>An echo as JSON: a reading (<c>result</c>) or an alert event (<c>value</c>).</summary>
    public void Seen(List<double> samples, string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        double? value = root.TryGetProperty("result", out JsonElement r) ? r.GetDouble()
            : root.TryGetProperty("value", out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble()
            : null;
        Seen(samples, value);
    }
}
