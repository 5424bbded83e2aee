using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;

namespace Vigil.Server.Observability;

/// <summary>A Prometheus counter with labels; increments are lock-free once a label set exists.</summary>
internal sealed class LabelledCounter(string name, string help, params string[] labelNames)
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _values = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public void Add(long value, params ReadOnlySpan<string> labels)
    {
        string key = PrometheusText.Labels(labelNames, labels);
        StrongBox<long> box = _values.GetOrAdd(key, static _ => new StrongBox<long>());
        Interlocked.Add(ref box.Value, value);
    }

    public void Increment(params ReadOnlySpan<string> labels) => Add(1, labels);

    public long Get(params ReadOnlySpan<string> labels) =>
        _values.TryGetValue(PrometheusText.Labels(labelNames, labels), out StrongBox<long>? box) ? Interlocked.Read(ref box.Value) : 0;

    public void WriteTo(StringBuilder text)
    {
        PrometheusText.Header(text, Name, help, "counter");
        foreach ((string labels, StrongBox<long> box) in _values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            PrometheusText.Sample(text, Name, labels, Interlocked.Read(ref box.Value));
        }
    }
}
