namespace Vigil.Domain.Dispatch;

/// <summary>One line of an incident's timeline: when, who (a user, or <c>agency:ID</c> for a line another agency sent), what kind, what.</summary>
public sealed record IncidentEvent(DateTimeOffset At, string Actor, string Kind, string Text);
