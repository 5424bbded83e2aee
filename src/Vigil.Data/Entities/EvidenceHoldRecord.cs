namespace Vigil.Data.Entities;

/// <summary>
/// Keeps an alert's media past its camera's retention because a case needs it: while
/// <see cref="HoldUntil"/> is empty (the incident is open) or still ahead (the evidence period
/// after closing). Incidents create and release holds; retention honours them.
/// </summary>
public sealed class EvidenceHoldRecord
{
    public required string Id { get; set; }

    public required string AlertId { get; set; }

    /// <summary>What holds it, e.g. <c>incident/ID</c>.</summary>
    public required string HeldBy { get; set; }

    public DateTimeOffset HeldAt { get; set; }

    /// <summary>Null while the case is open; the end of the evidence period once it is closed.</summary>
    public DateTimeOffset? HoldUntil { get; set; }
}
