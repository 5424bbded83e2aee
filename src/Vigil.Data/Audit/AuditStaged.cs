using Vigil.Data.Entities;

namespace Vigil.Data.Audit;

/// <summary>An entry added to an action's context, the checkpoint added with it if one was due, and the last checkpointed sequence once it is saved.</summary>
internal sealed record AuditStaged(AuditEntryRecord Entry, AuditCheckpointRecord? Checkpoint, long Checkpointed);
