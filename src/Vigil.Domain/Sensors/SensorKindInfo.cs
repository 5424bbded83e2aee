namespace Vigil.Domain.Sensors;

/// <summary>
/// What Vigil knows of a kind: its name in configuration, the units it accepts (the first is its base
/// unit) and the physical range in the base unit; a reading outside it is a faulty sensor, flagged
/// and never alerted on.
/// </summary>
public sealed record SensorKindInfo(SensorKind Kind, string Name, IReadOnlyList<SensorUnit> Units, double Min, double Max)
{
    public SensorUnit? Unit(string name) => Units.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));
}
