namespace Vigil.Domain.Dispatch;

/// <summary>
/// Response times of a group of incidents (one type and priority): how many, the 50th and 90th
/// percentile of each interval in seconds, and the share of responses that met the turnout and
/// travel targets.
/// </summary>
public sealed record ResponseTimeSummary(
    IncidentType Type,
    int Priority,
    int Incidents,
    IntervalSummary CallToDispatch,
    IntervalSummary Turnout,
    IntervalSummary Travel,
    IntervalSummary Total,
    double? TurnoutTargetMet,
    double? TravelTargetMet)
{
    /// <summary>Groups responses by type and priority and summarises each group against the targets.</summary>
    public static IReadOnlyList<ResponseTimeSummary> Build(
        IEnumerable<(IncidentType Type, int Priority, UnitType? FirstUnit, ResponseTimes Times)> responses,
        ResponseTargets targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return responses
            .GroupBy(r => (r.Type, r.Priority))
            .OrderBy(g => g.Key.Priority).ThenBy(g => g.Key.Type)
            .Select(g =>
            {
                var list = g.ToList();
                var turnouts = list.Where(r => r.Times.Turnout is not null && r.FirstUnit is not null).ToList();
                var travels = list.Where(r => r.Times.Travel is not null).ToList();
                return new ResponseTimeSummary(
                    g.Key.Type,
                    g.Key.Priority,
                    list.Count,
                    IntervalSummary.Of(list.Select(r => r.Times.CallToDispatch)),
                    IntervalSummary.Of(list.Select(r => r.Times.Turnout)),
                    IntervalSummary.Of(list.Select(r => r.Times.Travel)),
                    IntervalSummary.Of(list.Select(r => r.Times.Total)),
                    turnouts.Count == 0 ? null : turnouts.Count(r => r.Times.Turnout <= (r.FirstUnit == UnitType.Ambulance ? targets.TurnoutEms : targets.TurnoutFire)) / (double)turnouts.Count,
                    travels.Count == 0 ? null : travels.Count(r => r.Times.Travel <= targets.TravelFirstUnit) / (double)travels.Count);
            })
            .ToArray();
    }
}
