using Vigil.Domain.Naming;
using Vigil.Domain.Rules;

namespace Vigil.Configuration;

/// <summary>The names rule kinds have in <c>vigil.yaml</c> and in JSON output.</summary>
public static class RuleKindNames
{
    private static readonly NameTable<RuleKind> s_names = new(
        ("zone_entry", RuleKind.ZoneEntry),
        ("line_crossing", RuleKind.LineCrossing),
        ("dwell", RuleKind.Dwell),
        ("occupancy", RuleKind.Occupancy),
        ("density", RuleKind.Density),
        ("stopped_vehicle", RuleKind.StoppedVehicle),
        ("wrong_way", RuleKind.WrongWay));

    /// <summary>Every kind by its configuration name.</summary>
    public static IReadOnlyDictionary<string, RuleKind> ByName => s_names.ByName;

    public static string NameOf(RuleKind kind) => s_names.NameOf(kind);
}
