using Vigil.Server.Benchmarks;

namespace Vigil.Server.Tests.Benchmarks;

/// <summary>
/// Smoke run of the incident-list benchmark: a second at a low rate, asserting that every path
/// answered the full list and that the list as it is runs fewer database commands than the list as
/// it was (the benchmark's own before-and-after), so neither the benchmark nor the batching can rot.
/// </summary>
[Collection(BenchmarkRuns.Name)]
public sealed class IncidentListBenchmarkTests
{
    [Fact]
    public async Task IncidentList_AFewRequests_PrintsBeforeAndAfter()
    {
        using var output = new StringWriter();

        await IncidentListBenchmark.RunAsync(["5", "1"], output);

        string[] rows = [.. output.ToString().Split('\n').Where(l => l.Contains(" GET ", StringComparison.Ordinal))];
        Assert.Equal(3, rows.Length);
        Assert.All(rows, r => Assert.EndsWith("failed=0", r.TrimEnd(), StringComparison.Ordinal));
        Assert.Contains("200 incidents", rows[1], StringComparison.Ordinal);
        Assert.Contains("200 incidents", rows[2], StringComparison.Ordinal);
        Assert.True(Commands(rows[1]) < Commands(rows[2]) / 10, output.ToString());
    }

    private static int Commands(string row) => int.Parse(row.Split(" database commands")[0].Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);
}
