using Vigil.Domain.Audit;

namespace Vigil.Data.Entities;

/// <summary>An audit entry as stored, with its place in the hash chain. Rows are only ever inserted.</summary>
public sealed class AuditEntryRecord
{
    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public string? Target { get; set; }

    public string? Detail { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }

    public AuditEntry ToEntry() => new(Sequence, At, Actor, Action, Target, Detail);
}
