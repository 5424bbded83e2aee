namespace Vigil.Vision.Pipeline;

/// <summary>Counts of observations under fixed upper bounds (seconds), lock-free: the core of a Prometheus histogram.</summary>
public sealed class BucketCounts(double[] bounds)
{
    /// <summary>Buckets for the time from a frame's decode to the end of its chain.</summary>
    public static readonly double[] LagBounds = [0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5];

    private readonly long[] _counts = new long[bounds.Length + 1];
    private long _sumMicros;

    public IReadOnlyList<double> Bounds => bounds;

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

    /// <summary>The count in bucket <paramref name="index"/> (the last one is above every bound).</summary>
    public long CountAt(int index) => Interlocked.Read(ref _counts[index]);
}
