namespace Vigil.Domain.Exchange;

/// <summary>One note of a handed-over incident: the note's <c>$id</c> (so an update adds only new ones), when, and its text without markup.</summary>
public sealed record EidoNote(string Id, DateTimeOffset At, string Text);
