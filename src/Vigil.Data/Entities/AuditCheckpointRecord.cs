using Vigil.Domain.Audit;

namespace Vigil.Data.Entities;

/// <summary>A signed checkpoint of the audit chain, stored with the log (and published on the transparency page).</summary>
public sealed class AuditCheckpointRecord
{
    public long Sequence { get; set; }

    public required string Hash { get; set; }

    public DateTimeOffset At { get; set; }

    public required string KeyId { get; set; }

    public required string Signature { get; set; }

    public AuditCheckpoint ToCheckpoint() => new(Sequence, Hash, At, KeyId, Signature);
}
