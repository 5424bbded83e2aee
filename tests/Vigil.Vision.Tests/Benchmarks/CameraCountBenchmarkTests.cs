using Vigil.Vision.Benchmarks;

namespace Vigil.Vision.Tests.Benchmarks;

/// <summary>The cameras-sustained benchmark's smoke run: a few seconds with one camera, so the benchmark cannot rot between measurements.</summary>
public sealed class CameraCountBenchmarkTests
{
    [Fact]
    public async Task RunAsync_OneCameraForAFewSeconds_ReportsItsTicks()
    {
        using var output = new StringWriter();

        await CameraCountBenchmark.RunAsync(["--seconds", "3", "1"], output);

        string row = output.ToString().Split('\n').Single(l => l.StartsWith("| 1 |", StringComparison.Ordinal));
        string[] cells = row.Split('|', StringSplitOptions.TrimEntries);
        Assert.True(int.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture) > 0, row);
    }
}
