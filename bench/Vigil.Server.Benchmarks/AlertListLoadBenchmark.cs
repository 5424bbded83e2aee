using System.Globalization;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Alerts;
using Vigil.Domain.Rules;

namespace Vigil.Server.Benchmarks;

/// <summary>
/// Open-loop load: requests start on a fixed schedule (R per second) whatever the answers do, and
/// latency counts from the scheduled start, so a slow server cannot hide its queue. Runs the
/// baseline (<c>GET /api/me</c>: auth and framework only) and <c>GET /api/alerts</c> (page of 50
/// from 20 000 alerts) in the same process, one after the other.
/// </summary>
internal static class AlertListLoadBenchmark
{
    public static async Task RunAsync(string[] args, TextWriter output)
    {
        int rate = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        int seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        string? database = args.Length > 2 ? args[2] : null;
        await using BenchHost host = await BenchHost.StartAsync(configPath: null, database, pipelines: false).ConfigureAwait(false);
        await SeedAsync(host, 20_000).ConfigureAwait(false);
        string token = await host.TokenAsync("operator").ConfigureAwait(false);
        using HttpClient client = host.Client(token);
        await output.WriteLineAsync($"{(database is null ? "SQLite" : "PostgreSQL")}: {rate} requests/s for {seconds} s each, after {Math.Min(5, seconds)} s warm-up").ConfigureAwait(false);
        foreach (string path in new[] { "/api/me", "/api/alerts?limit=50", "/api/alerts?limit=50&state=new&camera=campus-path" })
        {
            await RunAsync(client, path, rate, Math.Min(5, seconds)).ConfigureAwait(false);
            (List<double> ms, int failed) = await RunAsync(client, path, rate, seconds).ConfigureAwait(false);
            await output.WriteLineAsync($"GET {path}: {BenchHost.Percentiles(ms)} failed={failed}").ConfigureAwait(false);
        }
    }

    private static async Task<(List<double> Ms, int Failed)> RunAsync(HttpClient client, string path, int rate, int seconds)
    {
        var uri = new Uri(path, UriKind.Relative);
        double[] results = await OpenLoop.RunAsync(rate, seconds, (_, due) => OpenLoop.GetAsync(client, uri, due)).ConfigureAwait(false);
        return (results.Where(r => r >= 0).ToList(), results.Count(r => r < 0));
    }

    private static async Task SeedAsync(BenchHost host, int count)
    {
        VigilDbContext db = host.OpenDatabase();
        await using (db.ConfigureAwait(false))
        {
            DateTimeOffset t0 = TimeProvider.System.GetUtcNow().AddDays(-3);
            string[] cameras = ["campus-path", "lobby", "park-trees"];
            for (int i = 0; i < count; i++)
            {
                DateTimeOffset at = t0.AddSeconds(i * 10);
                db.Alerts.Add(new AlertRecord
                {
                    Id = Guid.CreateVersion7(at).ToString("N"),
                    CameraId = cameras[i % 3],
                    RuleId = "lawn-entry",
                    Kind = RuleKind.ZoneEntry,
                    ZoneId = "lower-lawn",
                    TrackId = i,
                    Severity = (Severity)(i % 3),
                    State = (AlertState)(i % 4),
                    OpenedAt = at,
                    UpdatedAt = at,
                    Snapshot = $"campus-path/{i}.jpg",
                });
            }

            await db.SaveChangesAsync().ConfigureAwait(false);
        }
    }
}
