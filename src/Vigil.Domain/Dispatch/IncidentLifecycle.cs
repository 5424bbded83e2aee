namespace Vigil.Domain.Dispatch;

/// <summary>
/// new → dispatched → on_scene → resolved → closed, and cancelled from anything not yet resolved.
/// An incident cannot close or be cancelled while units are still assigned to it.
/// </summary>
public static class IncidentLifecycle
{
    private static readonly Dictionary<IncidentStatus, IncidentStatus[]> s_next = new()
    {
        [IncidentStatus.New] = [IncidentStatus.Dispatched, IncidentStatus.Cancelled],
        [IncidentStatus.Dispatched] = [IncidentStatus.OnScene, IncidentStatus.Cancelled],
        [IncidentStatus.OnScene] = [IncidentStatus.Resolved, IncidentStatus.Cancelled],
        [IncidentStatus.Resolved] = [IncidentStatus.Closed],
        [IncidentStatus.Closed] = [],
        [IncidentStatus.Cancelled] = [],
    };

    /// <summary>Why the move is not allowed, naming the rule, or null when it is.</summary>
    public static string? Refusal(IncidentStatus from, IncidentStatus to, int unitsAssigned)
    {
        if (!s_next[from].Contains(to))
        {
            return $"an incident that is {Name(from)} cannot become {Name(to)} (allowed: {(s_next[from].Length == 0 ? "nothing, it is final" : string.Join(", ", s_next[from].Select(Name)))})";
        }

        return to is IncidentStatus.Closed or IncidentStatus.Cancelled && unitsAssigned > 0
            ? $"an incident cannot become {Name(to)} while {unitsAssigned} unit(s) are still assigned: stand them down (available) first"
            : null;
    }

    public static string Name(IncidentStatus status) => status == IncidentStatus.OnScene ? "on_scene" : status.ToString().ToLowerInvariant();
}
