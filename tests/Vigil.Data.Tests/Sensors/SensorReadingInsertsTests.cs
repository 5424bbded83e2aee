using Microsoft.EntityFrameworkCore;
using Vigil.Data.Entities;
using Vigil.Data.Sensors;

namespace Vigil.Data.Tests.Sensors;

/// <summary>The bulk insert of readings: what is new is stored, what was stored already (or sent twice in one batch) is left out, on both databases.</summary>
public sealed class SensorReadingInsertsTests : IDisposable
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-data-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task InsertNew_StoresEachReadingOnce_AndSaysWhichWereNew(string provider)
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(provider);
        DatabaseSettings settings = DatabaseSettings.Parse(database.ConnectionString, _folder);
        await VigilDatabase.MigrateAsync(settings, CancellationToken.None);
        var quito = TimeSpan.FromHours(-5);
        var stored = new List<string>();

        await using (VigilDbContext db = VigilDatabase.CreateContext(settings))
        {
            Assert.Equal(2, await SensorReadingInserts.InsertNewAsync(db, [Row("tomebamba", 0, 1.5), Row("yanuncay", 0, 0.8)], stored.Add, CancellationToken.None));
        }

        // A redelivery of one, a repeat inside the batch, two new ones (one given in Quito's time, one flagged).
        SensorReadingRecord quitoTime = Row("tomebamba", 2, 1.7);
        quitoTime.At = quitoTime.At.ToOffset(quito);
        await using (VigilDbContext db = VigilDatabase.CreateContext(settings))
        {
            int inserted = await SensorReadingInserts.InsertNewAsync(db, [Row("tomebamba", 0, 1.5), Row("tomebamba", 1, 1.6), Row("tomebamba", 1, 1.6), quitoTime, Row("yanuncay", 1, 640, flagged: true)], stored.Add, CancellationToken.None);
            Assert.Equal(3, inserted);
        }

        Assert.Equal(["tomebamba", "yanuncay", "tomebamba", "tomebamba", "yanuncay"], stored);
        await using VigilDbContext check = VigilDatabase.CreateContext(settings);
        List<SensorReadingRecord> rows = await check.SensorReadings.OrderBy(r => r.SensorId).ThenBy(r => r.At).ToListAsync();
        Assert.Equal(
            [("tomebamba", s_t0, 1.5, false), ("tomebamba", s_t0.AddMinutes(1), 1.6, false), ("tomebamba", s_t0.AddMinutes(2), 1.7, false), ("yanuncay", s_t0, 0.8, false), ("yanuncay", s_t0.AddMinutes(1), 640, true)],
            rows.Select(r => (r.SensorId, r.At, r.Value, r.Flagged)));
        Assert.All(rows, r => Assert.Equal(TimeSpan.Zero, r.At.Offset));
    }

    private static SensorReadingRecord Row(string sensor, int minute, double value, bool flagged = false) =>
        new() { SensorId = sensor, At = s_t0.AddMinutes(minute), Value = value, Flagged = flagged };
}
