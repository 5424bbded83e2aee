namespace Vigil.Server.Api.Contracts;

/// <summary>One audit-log entry: who did what to which thing, when, and its place in the hash chain.</summary>
public sealed record AuditEntryDto(long Sequence, DateTimeOffset At, string Actor, string Action, string? Target, string? Detail, string Hash);
