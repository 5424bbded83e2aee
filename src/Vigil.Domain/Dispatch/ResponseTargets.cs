namespace Vigil.Domain.Dispatch;

/// <summary>
/// Response-time targets; the defaults are NFPA 1710's: turnout 60 s for EMS and 80 s for fire,
/// 240 s travel for the first arriving unit. A centre configures its own.
/// </summary>
public sealed record ResponseTargets
{
    public TimeSpan TurnoutEms { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan TurnoutFire { get; init; } = TimeSpan.FromSeconds(80);

    public TimeSpan TravelFirstUnit { get; init; } = TimeSpan.FromSeconds(240);
}
