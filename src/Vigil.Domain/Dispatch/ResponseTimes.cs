namespace Vigil.Domain.Dispatch;

/// <summary>
/// The intervals of one response, from the timestamps it went through: call (or alert) to
/// dispatch, turnout (dispatched → en route), travel (en route → on scene), and total (call → on
/// scene). An interval is null until both of its ends happened.
/// </summary>
public sealed record ResponseTimes(TimeSpan? CallToDispatch, TimeSpan? Turnout, TimeSpan? Travel, TimeSpan? Total)
{
    public static ResponseTimes From(DateTimeOffset received, DateTimeOffset? dispatched, DateTimeOffset? enRoute, DateTimeOffset? onScene) => new(
        dispatched - received,
        enRoute - dispatched,
        onScene - enRoute,
        onScene - received);

    /// <summary>Which targets were missed, in words (empty when all were met or cannot be judged yet).</summary>
    public IReadOnlyList<string> Missed(ResponseTargets targets, UnitType firstUnit)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var missed = new List<string>();
        TimeSpan turnoutTarget = firstUnit == UnitType.Ambulance ? targets.TurnoutEms : targets.TurnoutFire;
        if (Turnout is { } turnout && turnout > turnoutTarget)
        {
            missed.Add($"turnout {turnout.TotalSeconds:0} s > {turnoutTarget.TotalSeconds:0} s");
        }

        if (Travel is { } travel && travel > targets.TravelFirstUnit)
        {
            missed.Add($"travel {travel.TotalSeconds:0} s > {targets.TravelFirstUnit.TotalSeconds:0} s");
        }

        return missed;
    }
}
