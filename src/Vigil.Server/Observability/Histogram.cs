using System.Globalization;
using System.Text;
using Vigil.Vision.Pipeline;

namespace Vigil.Server.Observability;

/// <summary>A Prometheus histogram over fixed bucket bounds (seconds); observation is lock-free (<see cref="BucketCounts"/>).</summary>
internal sealed class Histogram(string name, string help, double[] bounds)
{
    private readonly BucketCounts _counts = new(bounds);

    public string Name { get; } = name;

    public long Count => _counts.Count;

    /// <summary>The sum of all observations, in seconds (to the microsecond).</summary>
    public double SumSeconds => _counts.SumSeconds;

    public void Observe(double seconds) => _counts.Observe(seconds);

    public void WriteTo(StringBuilder text) => Write(text, Name, help, [_counts]);

    /// <summary>Writes one histogram that adds up several sets of counts over the same bounds (one per camera, say).</summary>
    public static void Write(StringBuilder text, string name, string help, IReadOnlyList<BucketCounts> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        IReadOnlyList<double> bounds = parts.Count > 0 ? parts[0].Bounds : BucketCounts.LagBounds;
        PrometheusText.Header(text, name, help, "histogram");
        long cumulative = 0;
        for (int i = 0; i < bounds.Count; i++)
        {
            cumulative += parts.Sum(p => p.CountAt(i));
            PrometheusText.Sample(text, name + "_bucket", $"{{le=\"{bounds[i].ToString(CultureInfo.InvariantCulture)}\"}}", cumulative);
        }

        cumulative += parts.Sum(p => p.CountAt(bounds.Count));
        PrometheusText.Sample(text, name + "_bucket", "{le=\"+Inf\"}", cumulative);
        PrometheusText.Sample(text, name + "_sum", "", parts.Sum(p => p.SumSeconds));
        PrometheusText.Sample(text, name + "_count", "", cumulative);
    }
}
