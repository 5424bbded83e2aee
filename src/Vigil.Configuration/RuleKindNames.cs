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
        ("wrong_way", RuleKind.WrongWay),
        ("sensor_stage", RuleKind.SensorStage),
        ("sensor_rise", RuleKind.SensorRise),
        ("sensor_silent", RuleKind.SensorSilent));

    /// <summary>Every kind by its configuration name.</summary>
    public static IReadOnlyDictionary<string, RuleKind> ByName => s_names.ByName;

    public static string NameOf(RuleKind kind) => s_names.NameOf(kind);

    /// <summary>Whether alerts of this kind come from a sensor's readings (never a camera rule in <c>vigil.yaml</c>).</summary>
    public static bool IsSensorKind(RuleKind kind) => kind is RuleKind.SensorStage or RuleKind.SensorRise or RuleKind.SensorSilent;

    /// <summary>The kinds a camera's rule may have, by name.</summary>
    public static IReadOnlyDictionary<string, RuleKind> CameraKinds { get; } =
        s_names.ByName.Where(k => !IsSensorKind(k.Value)).ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
}
