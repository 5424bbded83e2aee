using Vigil.Data.Entities;
using Vigil.Domain.Alerts;
using Vigil.Domain.Rules;

namespace Vigil.Server.Tests.Hosting;

/// <summary>Alert rows for tests, with time-ordered ids like the real ones.</summary>
internal static class TestAlerts
{
    private static long s_sequence;

    public static AlertRecord New(string camera = "campus-path", string rule = "lawn-entry", Severity severity = Severity.Warning, AlertState state = AlertState.New)
    {
        DateTimeOffset at = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero).AddSeconds(Interlocked.Increment(ref s_sequence));
        return new AlertRecord
        {
            Id = Guid.CreateVersion7(at).ToString("N"),
            CameraId = camera,
            RuleId = rule,
            Kind = RuleKind.ZoneEntry,
            ZoneId = "lower-lawn",
            Severity = severity,
            State = state,
            OpenedAt = at,
            UpdatedAt = at,
        };
    }
}
