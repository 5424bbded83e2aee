namespace Vigil.Domain.Dispatch;

/// <summary>Where a unit is in a response (see <see cref="UnitLifecycle"/>).</summary>
public enum UnitStatus
{
    Available,
    Dispatched,
    EnRoute,
    OnScene,
    Transporting,
    OutOfService,
}
