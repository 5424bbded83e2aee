namespace Vigil.Domain.Rules;

/// <summary>A configured rule of one camera. Which fields matter depends on <see cref="Kind"/>.</summary>
public sealed record RuleDefinition
{
    private static readonly string[] s_people = ["person"];
    private static readonly string[] s_vehicles = ["car", "bus", "truck", "motorcycle"];

    public required string Id { get; init; }

    public required RuleKind Kind { get; init; }

    /// <summary>The zone it watches (all kinds but line crossing).</summary>
    public string? Zone { get; init; }

    /// <summary>The line it watches (line crossing).</summary>
    public string? Line { get; init; }

    /// <summary>Object classes it applies to; empty means the kind's default (people, or vehicles for stopped_vehicle).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    public Severity Severity { get; init; } = Severity.Warning;

    /// <summary>Dwell and stopped-vehicle time.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Occupancy threshold.</summary>
    public int Count { get; init; } = 10;

    public CrossingDirection Direction { get; init; } = CrossingDirection.Any;

    /// <summary>Density (people/m²) at which a density alert is a warning.</summary>
    public double WarnDensity { get; init; } = 4;

    /// <summary>Density (people/m²) at which it becomes critical.</summary>
    public double CriticalDensity { get; init; } = 5;

    /// <summary>After an alert, the same rule stays quiet this long for the same track or zone.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.Zero;

    /// <summary>The labels the rule applies to, defaults filled in.</summary>
    public IReadOnlyList<string> EffectiveLabels => Labels.Count > 0
        ? Labels
        : Kind == RuleKind.StoppedVehicle ? s_vehicles : s_people;
}
