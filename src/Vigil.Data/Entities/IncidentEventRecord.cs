namespace Vigil.Data.Entities;

/// <summary>One line of an incident's timeline and narrative; lines are only ever added.</summary>
public sealed class IncidentEventRecord
{
    /// <summary>Assigned by the database in insertion order: the timeline's order, even within one clock tick.</summary>
    public long Id { get; set; }

    public required string IncidentId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    /// <summary><c>created</c>, <c>note</c>, <c>status</c>, <c>dispatched</c>, <c>unit</c>, <c>imported</c>, <c>agency-note</c>.</summary>
    public required string Kind { get; set; }

    public required string Text { get; set; }

    /// <summary>For a note another agency sent, its <c>$id</c>: an update of the same document adds only notes not seen yet.</summary>
    public string? SourceNoteId { get; set; }
}
