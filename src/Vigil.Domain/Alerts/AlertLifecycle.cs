namespace Vigil.Domain.Alerts;

/// <summary>
/// Which operator actions an alert allows: a new alert can be acknowledged, dismissed or escalated;
/// an acknowledged one dismissed or escalated; dismissed and escalated are final (an escalated alert
/// lives on as an incident).
/// </summary>
public static class AlertLifecycle
{
    private static readonly AlertState[] s_toAcknowledged = [AlertState.New];
    private static readonly AlertState[] s_toHandled = [AlertState.New, AlertState.Acknowledged];

    /// <summary>The states from which an alert may move to <paramref name="to"/>.</summary>
    public static IReadOnlyList<AlertState> AllowedFrom(AlertState to) => to switch
    {
        AlertState.Acknowledged => s_toAcknowledged,
        AlertState.Dismissed or AlertState.Escalated => s_toHandled,
        _ => [],
    };

    /// <summary>Throws <see cref="AlertTransitionException"/> with a reason an operator can act on when the move is not allowed.</summary>
    public static void EnsureAllowed(string id, AlertState from, AlertState to)
    {
        IReadOnlyList<AlertState> allowed = AllowedFrom(to);
        if (!allowed.Contains(from))
        {
            throw new AlertTransitionException(
                $"Alert '{id}' is {Name(from)}; it cannot become {Name(to)} (allowed from: {string.Join(", ", allowed.Select(Name))}).");
        }
    }

    /// <summary>The state's lower-case name, as the API and messages show it.</summary>
    public static string Name(AlertState state) => state.ToString().ToLowerInvariant();
}
