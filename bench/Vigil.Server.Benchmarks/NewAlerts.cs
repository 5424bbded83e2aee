using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Alerts;
using Vigil.Domain.Rules;

namespace Vigil.Server.Benchmarks;

/// <summary>Seeds alerts an operator has not handled yet (state new), one millisecond apart, a day ago.</summary>
internal static class NewAlerts
{
    /// <summary>Stores <paramref name="count"/> new alerts and returns their ids, oldest first.</summary>
    public static async Task<string[]> SeedAsync(Func<VigilDbContext> contexts, int count)
    {
        VigilDbContext db = contexts();
        await using (db.ConfigureAwait(false))
        {
            DateTimeOffset t0 = TimeProvider.System.GetUtcNow().AddDays(-1);
            var ids = new string[count];
            for (int i = 0; i < count; i++)
            {
                DateTimeOffset at = t0.AddMilliseconds(i);
                ids[i] = Guid.CreateVersion7(at).ToString("N");
                db.Alerts.Add(new AlertRecord
                {
                    Id = ids[i],
                    CameraId = "campus-path",
                    RuleId = "lawn-entry",
                    Kind = RuleKind.ZoneEntry,
                    ZoneId = "lower-lawn",
                    TrackId = i,
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
