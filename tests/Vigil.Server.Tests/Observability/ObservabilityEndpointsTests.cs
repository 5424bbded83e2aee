using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Vigil.Domain.Users;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Observability;

/// <summary>What <c>/metrics</c> tells the people who run the server about the audit log.</summary>
public sealed partial class ObservabilityEndpointsTests() : HostedServerTest
{
    [Fact]
    public async Task Metrics_CountTheAuditEntriesThisHostAppended_HowLongTheyWaitedTheirTurn_AndHowLongTheyHeldTheChain()
    {
        HttpClient supervisor = await Factory.ClientWithRolesAsync(Roles.Supervisor);
        double before = Value(await supervisor.GetStringAsync("/metrics"), "vigil_audit_entries_total");
        HttpClient browser = Factory.CreateClient();
        for (int i = 0; i < 3; i++)
        {
            await browser.PostAsJsonAsync("/auth/sign-in", new { userName = "admin", password = "not the password" });
        }

        string metrics = await supervisor.GetStringAsync("/metrics");

        Assert.Equal(before + 3, Value(metrics, "vigil_audit_entries_total"));
        Assert.Equal(Value(metrics, "vigil_audit_entries_total"), Value(metrics, "vigil_audit_commits_total")); // one at a time: a commit each
        Assert.Equal(0, Value(metrics, "vigil_audit_queue_depth"));
        Assert.True(Value(metrics, "vigil_audit_wait_seconds_count") >= Value(metrics, "vigil_audit_entries_total"), "every append had a turn");
        Assert.True(Value(metrics, "vigil_audit_wait_seconds_sum") >= 0);
        Assert.Contains("# TYPE vigil_audit_wait_seconds summary", metrics, StringComparison.Ordinal);
        Assert.True(Value(metrics, "vigil_audit_held_seconds_total") > 0, "three saves held the chain for some time");
        Assert.Contains("# TYPE vigil_audit_held_seconds_total counter", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_OnSqlite_ShowTheServerCopyingTheWriteAheadLog_OffTheRequestsCommits()
    {
        HttpClient supervisor = await Factory.ClientWithRolesAsync(Roles.Supervisor);
        HttpClient browser = Factory.CreateClient();
        for (int i = 0; i < 3; i++)
        {
            await browser.PostAsJsonAsync("/auth/sign-in", new { userName = "admin", password = "not the password" });
        }

        // The passes run four times a second; wait for one that found the sign-ins' pages and copied them.
        string metrics = await supervisor.GetStringAsync("/metrics");
        for (int poll = 0; poll < 200 && !(Value(metrics, "vigil_sqlite_wal_frames") > 0 && Value(metrics, "vigil_sqlite_wal_pending_frames") == 0); poll++)
        {
            await Task.Delay(50);
            metrics = await supervisor.GetStringAsync("/metrics");
        }

        Assert.True(Value(metrics, "vigil_sqlite_wal_checkpoints_total") > 0);
        Assert.True(Value(metrics, "vigil_sqlite_wal_frames") > 0, "the sign-ins' commits left their pages in the log");
        Assert.Equal(0, Value(metrics, "vigil_sqlite_wal_pending_frames"));
        Assert.Equal(0, Value(metrics, "vigil_sqlite_wal_checkpoint_failures_total"));
        Assert.Contains("# TYPE vigil_sqlite_wal_frames gauge", metrics, StringComparison.Ordinal);
    }

    private static double Value(string metrics, string name)
    {
        Match sample = Sample().Match(metrics.Replace("\r", "", StringComparison.Ordinal) + "\n", 0);
        while (sample.Success && sample.Groups["name"].Value != name)
        {
            sample = sample.NextMatch();
        }

        Assert.True(sample.Success, $"{name} is not in the metrics");
        return double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+) (?<value>[0-9.eE+-]+)\n", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
