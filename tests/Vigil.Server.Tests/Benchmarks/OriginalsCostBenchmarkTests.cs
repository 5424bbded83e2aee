using System.Globalization;
using Vigil.Server.Benchmarks;

namespace Vigil.Server.Tests.Benchmarks;

/// <summary>The originals' cost benchmark's smoke run: both runs complete and report the CPU they used, the stream copy apart.</summary>
[Collection(BenchmarkRuns.Name)]
public sealed class OriginalsCostBenchmarkTests
{
    [Fact]
    public async Task RunAsync_TwoShortRuns_ReportTheBaselineAndTheStreamCopy()
    {
        using var output = new StringWriter();

        await OriginalsCostBenchmark.RunAsync(["3"], output);

        string[][] rows = [.. output.ToString().Split('\n').Where(l => l.StartsWith("| with", StringComparison.Ordinal)).Select(l => l.Split('|', StringSplitOptions.TrimEntries))];
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("without originals", rows[0][1], StringComparison.Ordinal);
        Assert.Equal(0, double.Parse(rows[0][5], CultureInfo.InvariantCulture));
        Assert.True(double.Parse(rows[1][5], CultureInfo.InvariantCulture) > 0, "the originals' stream copy used no CPU: it did not run");
        Assert.All(rows, r => Assert.True(double.Parse(r[3], CultureInfo.InvariantCulture) > 0, string.Join('|', r)));
    }
}
