using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Domain.Sensors;
using Vigil.Server.Api.Contracts;

namespace Vigil.Server.Sensors;

/// <summary>What the API and the console's Sensors page read: every sensor where it stands, and a sensor's readings over a range, downsampled when long.</summary>
internal sealed class SensorQueries(IDbContextFactory<VigilDbContext> contexts, SensorRegistry sensors)
{
    /// <summary>The longest range one request covers.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    public const int DefaultPoints = 1000;

    public IReadOnlyList<SensorDto> List() => [.. sensors.All.OrderBy(s => s.Sensor.Id, StringComparer.Ordinal).Select(ToDto)];

    /// <summary>
    /// The sensor's readings in [<paramref name="from"/>, <paramref name="to"/>): all of them when there are
    /// at most <paramref name="points"/>, else buckets of equal time, each its readings' mean at the
    /// bucket's start with their min and max (a flood's peak survives as a bucket's max).
    /// </summary>
    public async Task<SensorReadingsDto> ReadingsAsync(SensorRuntime sensor, DateTimeOffset from, DateTimeOffset to, int points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            string id = sensor.Sensor.Id;
            IQueryable<SensorReadingRecord> rows = db.SensorReadings.AsNoTracking().Where(r => r.SensorId == id && r.At >= from && r.At < to).OrderBy(r => r.At);
            int count = await rows.CountAsync(cancellationToken).ConfigureAwait(false);
            var result = new List<SensorPointDto>(Math.Min(count, points));
            if (count <= points)
            {
                await foreach (SensorReadingRecord r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    result.Add(new SensorPointDto(r.At, r.Value, r.Value, r.Value, 1, r.Flagged));
                }

                return new SensorReadingsDto(id, sensor.Sensor.Unit, from, to, false, result);
            }

            TimeSpan width = TimeSpan.FromTicks(Math.Max(1, (to - from).Ticks / points));
            long bucket = -1;
            double sum = 0, low = 0, high = 0;
            int n = 0;
            bool flagged = false;
            void Flush()
            {
                if (n > 0)
                {
                    result.Add(new SensorPointDto(from + (width * bucket), sum / n, low, high, n, flagged));
                }
            }

            await foreach (SensorReadingRecord r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                long b = (r.At - from).Ticks / width.Ticks;
                if (b != bucket)
                {
                    Flush();
                    (bucket, sum, low, high, n, flagged) = (b, 0, double.PositiveInfinity, double.NegativeInfinity, 0, false);
                }

                sum += r.Value;
                low = Math.Min(low, r.Value);
                high = Math.Max(high, r.Value);
                flagged |= r.Flagged;
                n++;
            }

            Flush();
            return new SensorReadingsDto(id, sensor.Sensor.Unit, from, to, true, result);
        }
    }

    private static SensorDto ToDto(SensorRuntime runtime)
    {
        Sensor s = runtime.Sensor;
        SensorMonitor m = runtime.Monitor;
        return new SensorDto(
            s.Id,
            s.Name,
            SensorKinds.Of(s.Kind).Name,
            s.Unit,
            s.Purpose,
            s.Location?.Latitude,
            s.Location?.Longitude,
            s.Interval.TotalSeconds,
            [.. s.Stages.Select(st => new SensorStageDto(st.Name, st.Threshold, st.Severity))],
            m.Stage?.Name,
            m.IsSilent,
            m.Last?.At,
            m.Last?.Value);
    }
}
