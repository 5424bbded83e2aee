using System.Globalization;
using Vigil.Server.Benchmarks;

namespace Vigil.Server.Tests.Benchmarks;

/// <summary>The sensor ingestion benchmark's smoke run: twenty sensors for two seconds through the real broker, every reading stored, the probe's stage crossings pushed and published.</summary>
[Collection(BenchmarkRuns.Name)]
public sealed class SensorIngestBenchmarkTests
{
    [Fact]
    public async Task RunAsync_TwentySensorsForTwoSeconds_StoresEveryPublishedReading_AndTimesTheProbesAlerts()
    {
        using var output = new StringWriter();

        await SensorIngestBenchmark.RunAsync(["20", "2"], output);

        Dictionary<string, long> rows = output.ToString().Split('\n')
            .Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| measure", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(c => string.Join(' ', c[1].Split(' ').Take(3)), c => long.Parse(c[2], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        long published = rows["published (acknowledged by"];
        Assert.True(published > 0, output.ToString());
        Assert.Equal(published, rows["stored in all"]);
        Assert.Equal(published, rows["delivered to a"]);
        string[] probe = [.. output.ToString().Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal))];
        Assert.Equal(3, probe.Length);
        Assert.All(probe, l => Assert.Matches(@": n=[1-9]", l));
    }
}
