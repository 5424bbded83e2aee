using Vigil.Assets.Conversion.Quantization;
using Vigil.Vision.Benchmarks;

namespace Vigil.Vision.Tests.Benchmarks;

/// <summary>
/// Smoke runs of the INT8 benchmarks: the comparison on the first 100 frames with the shipped table
/// (it prints the optimised graph's integer convolutions, both models' rows and the timings), and a
/// calibration on a handful of frames (every tensor gets a range that holds its values), so neither
/// can rot between measurements.
/// </summary>
public sealed class Int8BenchmarkTests
{
    [Fact]
    public async Task Comparison_OnTheFirstFrames_PrintsTheGraphAndBothModels()
    {
        using var output = new StringWriter();

        await Int8Benchmark.RunAsync(["320"], output, quick: true);

        string text = output.ToString();
        Assert.Contains("34 QLinearConv, 0 float Conv", text, StringComparison.Ordinal);
        Assert.Contains("| FP32 |", text, StringComparison.Ordinal);
        Assert.Contains("| INT8 |", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split('\n').Count(l => l.StartsWith("| INT8 320 |", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Calibration_OnAFewFrames_GivesEveryConvolutionARange()
    {
        using var output = new StringWriter();

        IReadOnlyDictionary<string, ActivationRange> ranges = await Int8Benchmark.CalibrateAsync(TestAssets.Path("nanodet-graph"), 320, every: 300, percentile: 100, output);

        Assert.Equal(68, ranges.Count);
        Assert.All(ranges.Values, r => Assert.True(r.Min <= r.Max, $"{r.Min} > {r.Max}"));
        Assert.Equal(Int8Ranges.Load(320).Keys.Order(StringComparer.Ordinal), ranges.Keys.Order(StringComparer.Ordinal));
    }
}
