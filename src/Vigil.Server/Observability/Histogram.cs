using System.Globalization;
using System.Text;

namespace Vigil.Server.Observability;

/// <summary>A Prometheus histogram over fixed bucket bounds (seconds); observation is lock-free.</summary>
internal sealed class Histogram(string name, string help, double[] bounds)
{
    private readonly long[] _counts = new long[bounds.Length + 1];
    private long _sumMicros;

    public string Name { get; } = name;

    public long Count => _counts.Sum(c => Interlocked.Read(ref c));

    /// <summary>The sum of all observations, in seconds (to the microsecond).</summary>
    public double SumSeconds => Interlocked.Read(ref _sumMicros) / 1e6;

    public void Observe(double seconds)
    {
        int i = 0;
        while (i < bounds.Length && seconds > bounds[i])
        {
            i++;
        }

        Interlocked.Increment(ref _counts[i]);
        Interlocked.Add(ref _sumMicros, (long)(seconds * 1e6));
    }

    public void WriteTo(StringBuilder text)
    {
        PrometheusText.Header(text, Name, help, "histogram");
        long cumulative = 0;
        for (int i = 0; i < bounds.Length; i++)
        {
            cumulative += Interlocked.Read(ref _counts[i]);
            PrometheusText.Sample(text, Name + "_bucket", $"{{le=\"{bounds[i].ToString(CultureInfo.InvariantCulture)}\"}}", cumulative);
        }

        cumulative += Interlocked.Read(ref _counts[^1]);
        PrometheusText.Sample(text, Name + "_bucket", "{le=\"+Inf\"}", cumulative);
        PrometheusText.Sample(text, Name + "_sum", "", Interlocked.Read(ref _sumMicros) / 1e6);
        PrometheusText.Sample(text, Name + "_count", "", cumulative);
    }
}
