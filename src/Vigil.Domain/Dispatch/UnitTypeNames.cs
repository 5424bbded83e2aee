using Vigil.Domain.Naming;

namespace Vigil.Domain.Dispatch;

/// <summary>Unit type names as in <c>vigil.yaml</c> and the API.</summary>
public static class UnitTypeNames
{
    private static readonly NameTable<UnitType> s_names = new(
        ("ambulance", UnitType.Ambulance),
        ("fire_engine", UnitType.FireEngine),
        ("police_patrol", UnitType.PolicePatrol),
        ("rescue", UnitType.Rescue));

    public static IReadOnlyDictionary<string, UnitType> ByName => s_names.ByName;

    public static string NameOf(UnitType type) => s_names.NameOf(type);
}
