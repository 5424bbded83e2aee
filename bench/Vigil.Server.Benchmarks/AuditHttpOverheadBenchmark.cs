using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data;
using Vigil.Domain.Audit;
using Vigil.Server.Observability;
using Vigil.Server.Persistence;

namespace Vigil.Server.Benchmarks;

/// <summary>
/// What the audit log adds to an operator's action as the operator sees it: <c>POST
/// /api/alerts/{id}/acknowledge</c> with a note, R a second (open loop) against the real host, in
/// alternating rounds with and without the audit entry (an <see cref="AuditRowDropper"/> takes the
/// entry out of the save in the unaudited rounds; everything else is the same code). Latency is
/// reported from the scheduled start and from the moment the request was sent, and (the mean only) inside
/// the server, from the HTTP metrics: what the server itself adds, without the load generator's own lag.
/// </summary>
internal static class AuditHttpOverheadBenchmark
{
    private const int Rounds = 3;
    private const int Burst = 64;

    public static async Task RunAsync(string[] args, TextWriter output)
    {
        int rate = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        int seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        string? database = args.Length > 2 ? args[2] : null;
        var dropper = new AuditRowDropper();
        await using BenchHost host = await BenchHost.StartAsync(configPath: null, database, pipelines: false, overrides: services =>
            services.AddSingleton<IDbContextFactory<VigilDbContext>>(sp => new DroppingContextFactory(sp.GetRequiredService<VigilDbContextFactory>().Settings, dropper))).ConfigureAwait(false);
        int warmUp = rate * Math.Min(5, seconds);
        string[] ids = await NewAlerts.SeedAsync(host.OpenDatabase, (2 * (warmUp + Burst)) + (2 * Rounds * rate * seconds)).ConfigureAwait(false);
        string token = await host.TokenAsync("operator").ConfigureAwait(false);
        using HttpClient client = host.Client(token);
        long auditedBefore = await CountEntriesAsync(host).ConfigureAwait(false);
        await output.WriteLineAsync($"{(database is null ? "SQLite" : "PostgreSQL")}: POST /api/alerts/{{id}}/acknowledge, {rate}/s, {seconds} s per round, rounds alternate (audited, unaudited, unaudited, audited, ...) x {Rounds}, after {Math.Min(5, seconds)} s warm-up each").ConfigureAwait(false);
        int next = 0;
        var audited = new Samples();
        var plain = new Samples();
        var warm = new Samples();
        Histogram server = host.App.Services.GetRequiredService<ServerMetrics>().HttpSeconds;
        var serverTime = new Dictionary<bool, (long Count, double Seconds)> { [true] = (0, 0), [false] = (0, 0) };
        int auditedRequests = 0;
        foreach (bool audit in new[] { true, false })
        {
            dropper.Dropping = !audit;
            next = await RoundAsync(client, ids, next, rate, warmUp / rate, warm).ConfigureAwait(false);

            // A burst, so that paths only a queue takes (saves sharing a commit) are warm before anything is measured.
            int from = next;
            (double Scheduled, double Sent)[] burst = await Task.WhenAll(Enumerable.Range(0, Burst).Select(i => AcknowledgeAsync(client, ids[from + i], i, Stopwatch.GetTimestamp()))).ConfigureAwait(false);
            next += Burst;
            auditedRequests += audit ? warm.Count + burst.Count(r => r.Sent >= 0) : 0;
            warm.Clear();
        }

        for (int round = 0; round < 2 * Rounds; round++)
        {
            // ABBAAB...: neither mode always runs first, so a drifting machine favours neither.
            bool audit = round % 4 is 0 or 3;
            dropper.Dropping = !audit;
            Samples into = audit ? audited : plain;
            int before = into.Count;
            (long count, double sum) = (server.Count, server.SumSeconds);
            next = await RoundAsync(client, ids, next, rate, seconds, into).ConfigureAwait(false);
            serverTime[audit] = (serverTime[audit].Count + server.Count - count, serverTime[audit].Seconds + server.SumSeconds - sum);
            auditedRequests += audit ? into.Count - before : 0;
        }

        dropper.Dropping = false;
        long written = await CountEntriesAsync(host).ConfigureAwait(false) - auditedBefore;
        await output.WriteLineAsync($"unaudited, from schedule: {BenchHost.Percentiles(plain.FromSchedule)} mean={plain.FromSchedule.Average():0.00} ms failed={plain.Failed}").ConfigureAwait(false);
        await output.WriteLineAsync($"audited,   from schedule: {BenchHost.Percentiles(audited.FromSchedule)} mean={audited.FromSchedule.Average():0.00} ms failed={audited.Failed}").ConfigureAwait(false);
        await output.WriteLineAsync($"unaudited, from send:     {BenchHost.Percentiles(plain.FromSend)} mean={plain.FromSend.Average():0.00} ms").ConfigureAwait(false);
        await output.WriteLineAsync($"audited,   from send:     {BenchHost.Percentiles(audited.FromSend)} mean={audited.FromSend.Average():0.00} ms").ConfigureAwait(false);
        await output.WriteLineAsync($"unaudited, in the server:  mean={1000 * serverTime[false].Seconds / serverTime[false].Count:0.00} ms (n={serverTime[false].Count}, from the request's arrival to its response)").ConfigureAwait(false);
        await output.WriteLineAsync($"audited,   in the server:  mean={1000 * serverTime[true].Seconds / serverTime[true].Count:0.00} ms (n={serverTime[true].Count})").ConfigureAwait(false);
        await output.WriteLineAsync($"acknowledgements audited: {auditedRequests}; audit entries written meanwhile: {written}").ConfigureAwait(false);
    }

    private static async Task<int> RoundAsync(HttpClient client, string[] ids, int first, int rate, int seconds, Samples into)
    {
        (double Scheduled, double Sent)[] results = await OpenLoop.RunAsync(rate, seconds, (i, due) => AcknowledgeAsync(client, ids[first + i], i, due)).ConfigureAwait(false);
        foreach ((double scheduled, double sent) in results)
        {
            into.Add(scheduled, sent);
        }

        return first + results.Length;
    }

    private static async Task<(double Scheduled, double Sent)> AcknowledgeAsync(HttpClient client, string id, int n, long scheduled)
    {
        await Task.Yield();
        long sent = Stopwatch.GetTimestamp();
        try
        {
            using HttpResponseMessage response = await client.PostAsJsonAsync(
                new Uri($"/api/alerts/{id}/acknowledge", UriKind.Relative), new { note = string.Create(CultureInfo.InvariantCulture, $"checked on camera, round trip {n}") }).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK
                ? (Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds, Stopwatch.GetElapsedTime(sent).TotalMilliseconds)
                : (-1, -1);
        }
        catch (HttpRequestException)
        {
            return (-1, -1);
        }
    }

    private static async Task<long> CountEntriesAsync(BenchHost host)
    {
        VigilDbContext db = host.OpenDatabase();
        await using (db.ConfigureAwait(false))
        {
            return await db.AuditEntries.LongCountAsync(e => e.Action == AuditActions.AlertAcknowledged).ConfigureAwait(false);
        }
    }
}
