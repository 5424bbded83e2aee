namespace Vigil.Domain.Dispatch;

/// <summary>How many responses had the interval, and its 50th and 90th percentile (nearest rank) in seconds.</summary>
public sealed record IntervalSummary(int Count, double? P50Seconds, double? P90Seconds)
{
    public static IntervalSummary Of(IEnumerable<TimeSpan?> values)
    {
        double[] seconds = values.Where(v => v is not null).Select(v => v!.Value.TotalSeconds).Order().ToArray();
        return seconds.Length == 0
            ? new IntervalSummary(0, null, null)
            : new IntervalSummary(seconds.Length, Rank(seconds, 0.5), Rank(seconds, 0.9));
    }

    private static double Rank(double[] sorted, double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
