using Vigil.Vision.Benchmarks;

namespace Vigil.Vision.Tests.Benchmarks;

/// <summary>The per-stage profile's smoke run: the first seconds of vtest.avi, so the benchmark cannot rot between measurements.</summary>
public sealed class StageProfileBenchmarkTests
{
    [Fact]
    public async Task RunAsync_AFewSecondsOfVideo_PrintsTheStagesAndBothPathsOnBothScenes()
    {
        using var output = new StringWriter();

        await StageProfileBenchmark.RunAsync(["40"], output);

        string text = output.ToString();
        Assert.Contains("| detector (preprocess, inference, decode) |", text, StringComparison.Ordinal);
        Assert.Contains("| decode (ffmpeg process) | 40 |", text, StringComparison.Ordinal);
        string[] paths = text.Split('\n').Where(l => l.StartsWith("| busy", StringComparison.Ordinal) || l.StartsWith("| static", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, paths.Length);
        Assert.Contains(paths, l => l.Contains("| whole frame |", StringComparison.Ordinal));
        Assert.Contains(paths, l => l.Contains("| motion regions |", StringComparison.Ordinal));
    }
}
