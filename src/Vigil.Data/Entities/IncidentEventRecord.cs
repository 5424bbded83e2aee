namespace Vigil.Data.Entities;

/// <summary>One line of an incident's timeline and narrative; lines are only ever added.</summary>
public sealed class IncidentEventRecord
{
    /// <summary>Assigned by the database in insertion order: the timeline's order, even within one clock tick.</summary>
    public long Id { get; set; }

    public required string IncidentId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    /// <summary><c>created</c>, <c>note</c>, <c>status</c>, <c>dispatched</c>, <c>unit</c>.</summary>
    public required string Kind { get; set; }

    public required string Text { get; set; }
}
