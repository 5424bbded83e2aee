using Vigil.Server.Benchmarks;

namespace Vigil.Server.Tests.Benchmarks;

/// <summary>
/// Smoke runs of the audit-overhead, audited-HTTP and alert-list load benchmarks: a low rate for a
/// second or two each, asserting only that each completes, prints its rows and nothing failed, so none
/// can rot between measurements.
/// </summary>
[Collection(BenchmarkRuns.Name)]
public sealed class AuditAndLoadBenchmarkTests
{
    [Fact]
    public async Task Audit_AFewActions_PrintsEveryRound()
    {
        using var output = new StringWriter();

        await AuditOverheadBenchmark.RunAsync(["50", "1"], output);

        string text = output.ToString();
        Assert.Contains("from start:", text, StringComparison.Ordinal);
        Assert.Contains("audit entries stored:", text, StringComparison.Ordinal);
        Assert.Contains("failed: 0)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditHttp_AFewAcknowledgements_PrintsBothPaths()
    {
        using var output = new StringWriter();

        await AuditHttpOverheadBenchmark.RunAsync(["20", "1"], output);

        string text = output.ToString();
        Assert.Contains("unaudited, from schedule:", text, StringComparison.Ordinal);
        Assert.Contains("audited,   from schedule:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("no samples", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("failed=0").Length - 1);
    }

    [Fact]
    public async Task Load_AFewRequests_PrintsEveryQuery()
    {
        using var output = new StringWriter();

        await AlertListLoadBenchmark.RunAsync(["20", "1"], output);

        string[] rows = [.. output.ToString().Split('\n').Where(l => l.StartsWith("GET ", StringComparison.Ordinal))];
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.EndsWith("failed=0", r.TrimEnd(), StringComparison.Ordinal));
    }
}
