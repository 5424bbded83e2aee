using System.Globalization;
using Vigil.Server.Benchmarks;

namespace Vigil.Server.Tests.Benchmarks;

/// <summary>The playback-start benchmark's smoke run: a few minutes of footage, a few starts, so the benchmark cannot rot between measurements.</summary>
[Collection(BenchmarkRuns.Name)]
public sealed class PlaybackStartBenchmarkTests
{
    [Fact]
    public async Task RunAsync_AFewStarts_ReportsTheBaselineTheAnswerAndTheFirstSegment()
    {
        using var output = new StringWriter();

        await PlaybackStartBenchmark.RunAsync(["0.05", "5"], output);

        string text = output.ToString();
        Assert.Contains("(18 segments of", text, StringComparison.Ordinal);
        string[] rows = text.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains(" ms |", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, rows.Length);
        Assert.Contains("18 segments listed", rows[1], StringComparison.Ordinal);
        Assert.All(rows, r => Assert.True(double.Parse(r.Split('|', StringSplitOptions.TrimEntries)[2].Replace(" ms", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) > 0, r));
    }
}
