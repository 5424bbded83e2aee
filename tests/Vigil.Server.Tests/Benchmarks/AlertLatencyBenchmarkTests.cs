using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Server.Benchmarks;

namespace Vigil.Server.Tests.Benchmarks;

/// <summary>The alert-latency benchmark's smoke run: the demo's three cameras for a few seconds start, process frames and print the table, so the benchmark cannot rot (it once stopped starting when the demo configuration gained sections after its cameras).</summary>
[Collection(BenchmarkRuns.Name)]
public sealed class AlertLatencyBenchmarkTests
{
    [Fact]
    public async Task RunAsync_ThreeCamerasForAFewSeconds_ProcessesFramesAndReports()
    {
        using var output = new StringWriter();

        await AlertLatencyBenchmark.RunAsync(["3", "4"], output);

        string text = output.ToString();
        Assert.Contains("end to end (decode -> stored -> pushed -> received):", text, StringComparison.Ordinal);
        Match frames = Regex.Match(text, @"frames decoded (\d+), processed (\d+)");
        Assert.True(frames.Success, text);
        Assert.True(int.Parse(frames.Groups[2].Value, CultureInfo.InvariantCulture) > 0, text);
    }
}
