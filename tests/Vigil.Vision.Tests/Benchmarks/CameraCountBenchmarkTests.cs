using System.Globalization;
using Vigil.Vision.Benchmarks;

namespace Vigil.Vision.Tests.Benchmarks;

/// <summary>The cameras-sustained benchmark's smoke run: a few seconds with one camera, on the whole frame and on motion regions, recording off and on, so the benchmark cannot rot between measurements.</summary>
public sealed class CameraCountBenchmarkTests
{
    [Fact]
    public async Task RunAsync_OneCameraForAFewSeconds_ReportsItsTicksOnEachPathWithAndWithoutRecording()
    {
        using var output = new StringWriter();

        await CameraCountBenchmark.RunAsync(["--seconds", "3", "--recording", "both", "--regions", "both", "1"], output);

        string[] rows = output.ToString().Split('\n').Where(l => l.StartsWith("| 1 |", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, rows.Length);
        string[][] cells = rows.Select(r => r.Split('|', StringSplitOptions.TrimEntries)).ToArray();
        Assert.All(cells, c => Assert.Equal("int8", c[2]));
        Assert.Equal(["whole frame", "whole frame", "motion regions", "motion regions"], cells.Select(c => c[3]));
        Assert.Equal(["off", "continuous", "off", "continuous"], cells.Select(c => c[4]));
        Assert.All(cells, c => Assert.True(int.Parse(c[6], CultureInfo.InvariantCulture) > 0, string.Join('|', c)));

        // The recording runs wrote footage: their size per camera-hour is a number.
        Assert.True(double.Parse(cells[1][10], CultureInfo.InvariantCulture) > 0, rows[1]);
        Assert.True(double.Parse(cells[3][10], CultureInfo.InvariantCulture) > 0, rows[3]);
    }
}
