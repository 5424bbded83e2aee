namespace Vigil.Domain.Dispatch;

/// <summary>What kind of response a unit brings.</summary>
public enum UnitType
{
    Ambulance,
    FireEngine,
    PolicePatrol,
    Rescue,
}
