using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Alerts;
using Vigil.Domain.Dispatch;
using Vigil.Domain.Rules;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Dispatch;
using Vigil.Server.Hosting;

namespace Vigil.Server.Benchmarks;

/// <summary>
/// <c>GET /api/incidents</c> with <see cref="IncidentQueries.ListLimit"/> open incidents (each with an
/// alert and a timeline), open loop: the baseline <c>GET /api/me</c>, the list as it is (three queries
/// for all incidents' alerts, units and timelines), and the list as it was built before issue 25
/// (three queries per incident; served by this benchmark at <c>/bench/incidents-one-by-one</c> from the
/// same host, database and mapping). The old path runs last so that a queue it builds cannot slow
/// the others. Prints the database commands one request runs (counted from EF Core's diagnostics)
/// and the latency percentiles of each.
/// </summary>
internal static class IncidentListBenchmark
{
    private const string OneByOne = "/bench/incidents-one-by-one";

    public static async Task RunAsync(string[] args, TextWriter output)
    {
        int rate = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        int seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        string? database = args.Length > 2 ? args[2] : null;
        await using BenchHost host = await BenchHost.StartAsync(configPath: null, database, pipelines: false, overrides: s => s.AddSingleton<IStartupFilter, OneByOneEndpoint>()).ConfigureAwait(false);
        await SeedAsync(host, IncidentQueries.ListLimit).ConfigureAwait(false);
        string token = await host.TokenAsync("operator").ConfigureAwait(false);
        using HttpClient client = host.Client(token);
        using var commands = new CommandCounter();
        int warmUp = Math.Min(5, seconds);
        await output.WriteLineAsync($"{(database is null ? "SQLite" : "PostgreSQL")}: {IncidentQueries.ListLimit} open incidents; {rate} requests/s for {seconds} s each, after {warmUp} s warm-up").ConfigureAwait(false);
        foreach ((string name, string path) in new[] { ("baseline", "/api/me"), ("after (batched)", "/api/incidents"), ("before (one by one)", OneByOne) })
        {
            var uri = new Uri(path, UriKind.Relative);
            long before = commands.Count;
            (int status, int incidents) = await OnceAsync(client, uri).ConfigureAwait(false);
            long perRequest = commands.Count - before;
            _ = await OpenLoop.RunAsync(rate, warmUp, (_, due) => OpenLoop.GetAsync(client, uri, due)).ConfigureAwait(false);
            double[] results = await OpenLoop.RunAsync(rate, seconds, (_, due) => OpenLoop.GetAsync(client, uri, due)).ConfigureAwait(false);
            List<double> ms = results.Where(r => r >= 0).ToList();
            await output.WriteLineAsync($"{name,-20} GET {path}: status {status}, {incidents} incidents, {perRequest} database commands; {BenchHost.Percentiles(ms)} failed={results.Count(r => r < 0)}").ConfigureAwait(false);
        }
    }

    private static async Task<(int Status, int Incidents)> OnceAsync(HttpClient client, Uri uri)
    {
        using HttpResponseMessage response = await client.GetAsync(uri).ConfigureAwait(false);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return ((int)response.StatusCode, body.RootElement.ValueKind == JsonValueKind.Array ? body.RootElement.GetArrayLength() : 0);
    }

    private static async Task SeedAsync(BenchHost host, int count)
    {
        VigilDbContext db = host.OpenDatabase();
        await using (db.ConfigureAwait(false))
        {
            DateTimeOffset t0 = TimeProvider.System.GetUtcNow().AddHours(-6);
            for (int i = 0; i < count; i++)
            {
                DateTimeOffset at = t0.AddSeconds(i * 60);
                string id = Guid.CreateVersion7(at).ToString("N");
                string alert = Guid.CreateVersion7(at.AddMilliseconds(-1)).ToString("N");
                db.Alerts.Add(new AlertRecord { Id = alert, CameraId = "campus-path", RuleId = "lawn-entry", Kind = RuleKind.ZoneEntry, ZoneId = "lower-lawn", TrackId = i, Severity = Severity.Warning, State = AlertState.Escalated, OpenedAt = at, UpdatedAt = at });
                db.Incidents.Add(new IncidentRecord { Id = id, Type = IncidentType.CrowdSafety, Priority = 2, Status = IncidentStatus.New, Latitude = -0.2067, Longitude = -78.4987, Location = "camera campus-path", Summary = $"Crowd building up ({i})", CreatedBy = "bench", ReceivedAt = at });
                db.IncidentAlerts.Add(new IncidentAlertRecord { IncidentId = id, AlertId = alert });
                for (int line = 0; line < 6; line++)
                {
                    db.IncidentEvents.Add(new IncidentEventRecord { IncidentId = id, At = at.AddSeconds(line), Actor = "bench", Kind = line == 0 ? "created" : "note", Text = $"Line {line} of incident {i}" });
                }
            }

            await db.SaveChangesAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The list as it was built before issue 25, beside the real one: the same records, mapping and answer, three queries per incident.</summary>
    private sealed class OneByOneEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(OneByOne, branch => branch.Run(async context =>
            {
                IServiceProvider services = context.RequestServices;
                ResponseTargets targets = services.GetRequiredService<IOptions<ServerOptions>>().Value.Targets;
                VigilDbContext db = await services.GetRequiredService<IDbContextFactory<VigilDbContext>>().CreateDbContextAsync(context.RequestAborted).ConfigureAwait(false);
                await using (db.ConfigureAwait(false))
                {
                    List<IncidentRecord> records = await db.Incidents.AsNoTracking()
                        .Where(i => i.Status != IncidentStatus.Closed && i.Status != IncidentStatus.Cancelled)
                        .OrderByDescending(i => i.Id).Take(IncidentQueries.ListLimit).ToListAsync(context.RequestAborted).ConfigureAwait(false);
                    var list = new List<IncidentDto>();
                    foreach (IncidentRecord record in records)
                    {
                        list.Add(IncidentDto.From((await IncidentQueries.LoadAsync(db, [record], context.RequestAborted).ConfigureAwait(false))[0], targets));
                    }

                    await context.Response.WriteAsJsonAsync(list, context.RequestAborted).ConfigureAwait(false);
                }
            }));
            next(app);
        };
    }

    /// <summary>Counts the database commands EF Core runs in this process.</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly IDisposable _all;
        private readonly List<IDisposable> _subscriptions = [];
        private long _count;

        public CommandCounter() => _all = DiagnosticListener.AllListeners.Subscribe(this);

        public long Count => Interlocked.Read(ref _count);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted.Name)
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
