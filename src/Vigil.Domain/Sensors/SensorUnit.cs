namespace Vigil.Domain.Sensors;

/// <summary>A unit a kind accepts, and how many of the kind's base unit one of it is (cm = 0.01 m).</summary>
public sealed record SensorUnit(string Name, double ToBase);
