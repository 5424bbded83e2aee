namespace Vigil.Domain.Dispatch;

/// <summary>Unit type names as in <c>vigil.yaml</c> and the API.</summary>
public static class UnitTypeNames
{
    private static readonly Dictionary<string, UnitType> s_byName = new(StringComparer.Ordinal)
    {
        ["ambulance"] = UnitType.Ambulance,
        ["fire_engine"] = UnitType.FireEngine,
        ["police_patrol"] = UnitType.PolicePatrol,
        ["rescue"] = UnitType.Rescue,
    };

    public static IReadOnlyDictionary<string, UnitType> ByName => s_byName;

    public static string NameOf(UnitType type) => s_byName.First(p => p.Value == type).Key;
}
