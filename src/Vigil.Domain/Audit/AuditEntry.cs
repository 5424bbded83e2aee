namespace Vigil.Domain.Audit;

/// <summary>
/// One recorded action: who did what to what, when. <see cref="Detail"/> is short free text
/// (never video, never personal data beyond the acting user's name).
/// </summary>
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string Actor, string Action, string? Target, string? Detail);
