namespace Vigil.Domain.Sensors;

/// <summary>The kinds of sensor, their units and physical ranges.</summary>
public static class SensorKinds
{
    /// <summary>Every kind, in the order of <see cref="SensorKind"/>.</summary>
    public static IReadOnlyList<SensorKindInfo> All { get; } =
    [
        // Gauge datums can sit above the water: a level may be negative.
        new(SensorKind.RiverLevel, "river_level", [new("m", 1), new("cm", 0.01), new("ft", 0.3048)], -50, 100),
        new(SensorKind.RiverFlow, "river_flow", [new("m3/s", 1), new("l/s", 0.001), new("ft3/s", 0.0283168)], 0, 300_000),
        new(SensorKind.RainRate, "rain_rate", [new("mm/h", 1), new("in/h", 25.4)], 0, 500),
        new(SensorKind.SeismicPga, "seismic_pga", [new("g", 1), new("m/s2", 1 / 9.80665), new("cm/s2", 1 / 980.665)], 0, 10),
        new(SensorKind.Smoke, "smoke", [new("%/m", 1), new("%/ft", 1 / 0.3048)], 0, 100),
        new(SensorKind.Temperature, "temperature", [new("degC", 1), new("K", 1)], -90, 1_500),
        new(SensorKind.Generic, "generic", [], double.NegativeInfinity, double.PositiveInfinity),
    ];

    public static SensorKindInfo Of(SensorKind kind) => All[(int)kind];

    public static SensorKindInfo? ByName(string? name) => All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal));

    /// <summary>Whether a value in the sensor's unit lies in its kind's physical range.</summary>
    public static bool InRange(SensorKind kind, string unit, double value)
    {
        if (!double.IsFinite(value))
        {
            return false;
        }

        SensorKindInfo info = Of(kind);
        if (kind == SensorKind.Generic)
        {
            return true;
        }

        // Kelvin is the one unit with an offset.
        double inBase = kind == SensorKind.Temperature && unit == "K" ? value - 273.15 : value * (info.Unit(unit)?.ToBase ?? 1);
        return inBase >= info.Min && inBase <= info.Max;
    }
}
