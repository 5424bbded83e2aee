using System.Globalization;
using Vigil.Vision.Benchmarks;

namespace Vigil.Vision.Tests.Benchmarks;

/// <summary>The cameras-sustained benchmark's smoke run: a few seconds with one camera, recording off and on, so the benchmark cannot rot between measurements.</summary>
public sealed class CameraCountBenchmarkTests
{
    [Fact]
    public async Task RunAsync_OneCameraForAFewSeconds_ReportsItsTicksWithAndWithoutRecording()
    {
        using var output = new StringWriter();

        await CameraCountBenchmark.RunAsync(["--seconds", "3", "--recording", "both", "1"], output);

        string[] rows = output.ToString().Split('\n').Where(l => l.StartsWith("| 1 |", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, rows.Length);
        string[][] cells = rows.Select(r => r.Split('|', StringSplitOptions.TrimEntries)).ToArray();
        Assert.Equal(["int8", "int8"], cells.Select(c => c[2]));
        Assert.Equal(["off", "continuous"], cells.Select(c => c[3]));
        Assert.All(cells, c => Assert.True(int.Parse(c[5], CultureInfo.InvariantCulture) > 0, string.Join('|', c)));

        // The recording run wrote footage: its size per camera-hour is a number.
        Assert.True(double.Parse(cells[1][9], CultureInfo.InvariantCulture) > 0, rows[1]);
    }
}
