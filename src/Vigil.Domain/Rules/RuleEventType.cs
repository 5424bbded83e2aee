namespace Vigil.Domain.Rules;

/// <summary>Whether an event starts something, updates an open episode, or ends it.</summary>
public enum RuleEventType
{
    /// <summary>A rule fired: for track rules a one-off; for zone rules (occupancy, density) an episode opens.</summary>
    Fired,

    /// <summary>An open episode's value or severity changed.</summary>
    Updated,

    /// <summary>An open episode ended.</summary>
    Ended,
}
