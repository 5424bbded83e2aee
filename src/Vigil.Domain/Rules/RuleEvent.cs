namespace Vigil.Domain.Rules;

/// <summary>What rule evaluation found on one frame; the alert manager turns these into alerts.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Type">Fired, updated or ended.</param>
/// <param name="Time">Frame time.</param>
/// <param name="Severity">The severity now (density escalates).</param>
/// <param name="TrackId">The anonymous track, for track rules.</param>
/// <param name="Value">Count, density (people/m²) or seconds, by kind.</param>
/// <param name="Crossing">For line crossings, the direction the track crossed.</param>
public sealed record RuleEvent(RuleDefinition Rule, RuleEventType Type, TimeSpan Time, Severity Severity, int? TrackId = null, double? Value = null, CrossingDirection? Crossing = null);
