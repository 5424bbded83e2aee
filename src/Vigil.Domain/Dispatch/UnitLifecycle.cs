namespace Vigil.Domain.Dispatch;

/// <summary>
/// The moves a unit may make: available → dispatched → en route → on scene → (transporting →)
/// available; a dispatched or en-route unit can be stood down (available); any unit not on a job
/// can go out of service and come back.
/// </summary>
public static class UnitLifecycle
{
    private static readonly Dictionary<UnitStatus, UnitStatus[]> s_next = new()
    {
        [UnitStatus.Available] = [UnitStatus.Dispatched, UnitStatus.OutOfService],
        [UnitStatus.Dispatched] = [UnitStatus.EnRoute, UnitStatus.Available],
        [UnitStatus.EnRoute] = [UnitStatus.OnScene, UnitStatus.Available],
        [UnitStatus.OnScene] = [UnitStatus.Transporting, UnitStatus.Available],
        [UnitStatus.Transporting] = [UnitStatus.Available],
        [UnitStatus.OutOfService] = [UnitStatus.Available],
    };

    public static IReadOnlyList<UnitStatus> Next(UnitStatus from) => s_next[from];

    /// <summary>Why the move is not allowed, naming the rule, or null when it is.</summary>
    public static string? Refusal(UnitStatus from, UnitStatus to) =>
        s_next[from].Contains(to)
            ? null
            : $"a unit that is {Name(from)} cannot become {Name(to)} (from {Name(from)} it can become: {string.Join(", ", s_next[from].Select(Name))})";

    public static string Name(UnitStatus status) => status switch
    {
        UnitStatus.EnRoute => "en_route",
        UnitStatus.OnScene => "on_scene",
        UnitStatus.OutOfService => "out_of_service",
        _ => status.ToString().ToLowerInvariant(),
    };
}
