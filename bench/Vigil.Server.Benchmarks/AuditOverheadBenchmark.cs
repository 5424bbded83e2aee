using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;

namespace Vigil.Server.Benchmarks;

/// <summary>
/// What the audit log adds to an action, in the data layer alone: operators' alert notes saved at R
/// actions per second (open loop, latency from the scheduled start) in alternating rounds: a plain
/// save (concurrent writers, no audit log at all); the same save through the audit log with the
/// entry taken out by an <see cref="AuditRowDropper"/> (the log's ordering without the entry); and
/// the save with its entry in the same transaction (and a signed checkpoint every 100).
/// </summary>
internal static class AuditOverheadBenchmark
{
    public static async Task RunAsync(string[] args, TextWriter output)
    {
        int rate = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        int seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        string? database = args.Length > 2 ? args[2] : null;
        string folder = Directory.CreateTempSubdirectory("vigil-audit-bench-").FullName;
        DatabaseSettings settings = DatabaseSettings.Parse(database, folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None).ConfigureAwait(false);
        var dropper = new AuditRowDropper();
        Func<VigilDbContext> contexts = VigilDatabase.CreateFactory(settings, o => o.AddInterceptors(dropper));
        string[] ids = await NewAlerts.SeedAsync(contexts, 5000).ConfigureAwait(false);
        using AuditSigner signer = AuditSigner.LoadOrCreate(Path.Combine(folder, "keys"));
        var audit = new AuditLog(TimeProvider.System, signer);
        await output.WriteLineAsync($"{settings.Describe()}: {rate} actions/s, {seconds} s per round, rounds alternate (plain concurrent, through the log without entry, with entry) x 3, after a warm-up round of each").ConfigureAwait(false);
        var plain = new Samples();
        var dropped = new Samples();
        var audited = new Samples();
        var warm = new Samples();
        for (int round = 0; round < 4; round++)
        {
            // The first round of each mode warms up (JIT, caches) and is not counted.
            int length = round == 0 ? Math.Min(seconds, 5) : seconds;
            Samples Counted(Samples into) => round == 0 ? warm : into;
            dropper.Dropping = false;
            await RoundAsync(contexts, ids, rate, length, null, Counted(plain)).ConfigureAwait(false);
            dropper.Dropping = true;
            await RoundAsync(contexts, ids, rate, length, audit, Counted(dropped)).ConfigureAwait(false);
            dropper.Dropping = false;
            await RoundAsync(contexts, ids, rate, length, audit, Counted(audited)).ConfigureAwait(false);
        }

        foreach ((string name, Samples samples) in new[] { ("plain save, concurrent", plain), ("through the log, entry dropped", dropped), ("save with audit entry", audited) })
        {
            await output.WriteLineAsync($"{name,-31} from start:    {BenchHost.Percentiles(samples.FromSend)} mean={samples.FromSend.Average():0.00} ms").ConfigureAwait(false);
            await output.WriteLineAsync($"{"",-31} from schedule: {BenchHost.Percentiles(samples.FromSchedule)} mean={samples.FromSchedule.Average():0.00} ms").ConfigureAwait(false);
        }

        VigilDbContext check = contexts();
        await using (check.ConfigureAwait(false))
        {
            await output.WriteLineAsync($"audit entries stored: {await check.AuditEntries.LongCountAsync().ConfigureAwait(false)} (saves with entry: {audited.Count + (rate * Math.Min(seconds, 5))}, failed: {plain.Failed + dropped.Failed + audited.Failed})").ConfigureAwait(false);
        }

        Directory.Delete(folder, recursive: true);
    }

    private static async Task RoundAsync(Func<VigilDbContext> contexts, string[] ids, int rate, int seconds, AuditLog? audit, Samples into)
    {
        foreach ((double scheduled, double started) in await OpenLoop.RunAsync(rate, seconds, (i, due) => ActAsync(contexts, ids[i % ids.Length], i, audit, due)).ConfigureAwait(false))
        {
            into.Add(scheduled, started);
        }
    }

    private static async Task<(double Scheduled, double Started)> ActAsync(Func<VigilDbContext> contexts, string id, int n, AuditLog? audit, long scheduled)
    {
        await Task.Yield();
        long started = Stopwatch.GetTimestamp();
        VigilDbContext db = contexts();
        await using (db.ConfigureAwait(false))
        {
            AlertRecord alert = await db.Alerts.FirstAsync(a => a.Id == id).ConfigureAwait(false);
            alert.Note = string.Create(CultureInfo.InvariantCulture, $"checked {n}");
            alert.Version++;
            if (audit is null)
            {
                await db.SaveChangesAsync().ConfigureAwait(false);
            }
            else
            {
                await audit.SaveWithAsync(db, "bench", AuditActions.AlertAcknowledged, $"alert/{id}", alert.Note, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return (Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
