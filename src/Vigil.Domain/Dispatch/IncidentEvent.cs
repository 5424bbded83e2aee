namespace Vigil.Domain.Dispatch;

/// <summary>
/// One line of an incident's timeline: when, who (a user, or <c>agency:ID</c> for a line another
/// agency sent), what kind, what; for a note another agency sent, that note's id.
/// </summary>
public sealed record IncidentEvent(DateTimeOffset At, string Actor, string Kind, string Text, string? SourceNoteId = null)
{
    /// <summary>The longest line the timeline keeps (longer ones are cut).</summary>
    public const int MaxText = 1000;

    public const string Created = "created";
    public const string Note = "note";
    public const string Status = "status";
    public const string Dispatched = "dispatched";
    public const string Unit = "unit";
    public const string Imported = "imported";
    public const string AgencyNote = "agency-note";

    public static IncidentEvent Line(DateTimeOffset at, string actor, string kind, string text, string? sourceNoteId = null) =>
        new(at, actor.Length <= 64 ? actor : actor[..64], kind, text.Length <= MaxText ? text : text[..MaxText], sourceNoteId);
}
