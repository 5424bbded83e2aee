using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Alerts;
using Vigil.Domain.Audit;
using Vigil.Domain.Rules;

namespace Vigil.Server.Benchmarks;

/// <summary>
/// What the audit log adds to an action: operators' alert notes saved at R actions per second
/// (open loop, latency from the scheduled start), once as a plain save and once with its audit
/// entry in the same transaction (and a signed checkpoint every 100), alternating rounds so both
/// see the same machine state.
/// </summary>
internal static class AuditOverheadBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        int rate = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        int seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        string? database = args.Length > 2 ? args[2] : null;
        string folder = Directory.CreateTempSubdirectory("vigil-audit-bench-").FullName;
        DatabaseSettings settings = DatabaseSettings.Parse(database, folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None).ConfigureAwait(false);
        Func<VigilDbContext> contexts = VigilDatabase.CreateFactory(settings);
        string[] ids = await SeedAsync(contexts, 5000).ConfigureAwait(false);
        using AuditSigner signer = AuditSigner.LoadOrCreate(Path.Combine(folder, "keys"));
        using var audit = new AuditLog(TimeProvider.System, signer);
        Console.WriteLine($"{settings.Describe()}: {rate} actions/s, {seconds} s per round, rounds alternate (plain concurrent, plain one at a time, audited) x 3");
        var plain = new List<double>();
        var serialized = new List<double>();
        var audited = new List<double>();
        using var gate = new SemaphoreSlim(1, 1);
        for (int round = 0; round < 3; round++)
        {
            plain.AddRange(await RoundAsync(contexts, ids, rate, seconds, null, null).ConfigureAwait(false));
            serialized.AddRange(await RoundAsync(contexts, ids, rate, seconds, null, gate).ConfigureAwait(false));
            audited.AddRange(await RoundAsync(contexts, ids, rate, seconds, audit, null).ConfigureAwait(false));
        }

        Console.WriteLine($"plain save, concurrent:  {BenchHost.Percentiles(plain)} mean={plain.Average():0.00} ms");
        Console.WriteLine($"plain save, one at once: {BenchHost.Percentiles(serialized)} mean={serialized.Average():0.00} ms");
        Console.WriteLine($"save with audit entry:   {BenchHost.Percentiles(audited)} mean={audited.Average():0.00} ms");
        Console.WriteLine($"audit entries written: {audit.Appended}");
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<List<double>> RoundAsync(Func<VigilDbContext> contexts, string[] ids, int rate, int seconds, AuditLog? audit, SemaphoreSlim? gate) =>
        [.. await OpenLoop.RunAsync(rate, seconds, (i, due) => ActAsync(contexts, ids[i % ids.Length], i, audit, gate, due)).ConfigureAwait(false)];

    private static async Task<double> ActAsync(Func<VigilDbContext> contexts, string id, int n, AuditLog? audit, SemaphoreSlim? gate, long scheduled)
    {
        await Task.Yield();
        VigilDbContext db = contexts();
        await using (db.ConfigureAwait(false))
        {
            AlertRecord alert = await db.Alerts.FirstAsync(a => a.Id == id).ConfigureAwait(false);
            alert.Note = string.Create(CultureInfo.InvariantCulture, $"checked {n}");
            alert.Version++;
            if (gate is not null)
            {
                // The audit log's own discipline (one append at a time) without the entry: isolates the entry's cost.
                await gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    await db.SaveChangesAsync().ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }
            else if (audit is null)
            {
                await db.SaveChangesAsync().ConfigureAwait(false);
            }
            else
            {
                await audit.SaveWithAsync(db, "bench", AuditActions.AlertAcknowledged, $"alert/{id}", alert.Note, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds;
    }

    private static async Task<string[]> SeedAsync(Func<VigilDbContext> contexts, int count)
    {
        VigilDbContext db = contexts();
        await using (db.ConfigureAwait(false))
        {
            DateTimeOffset t0 = TimeProvider.System.GetUtcNow().AddDays(-1);
            var ids = new string[count];
            for (int i = 0; i < count; i++)
            {
                DateTimeOffset at = t0.AddSeconds(i);
                ids[i] = Guid.CreateVersion7(at).ToString("N");
                db.Alerts.Add(new AlertRecord
                {
                    Id = ids[i],
                    CameraId = "campus-path",
                    RuleId = "lawn-entry",
                    Kind = RuleKind.ZoneEntry,
                    Severity = Severity.Warning,
                    State = AlertState.New,
                    OpenedAt = at,
                    UpdatedAt = at,
                });
            }

            await db.SaveChangesAsync().ConfigureAwait(false);
            return ids;
        }
    }
}
