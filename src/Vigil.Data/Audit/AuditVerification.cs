namespace Vigil.Data.Audit;

/// <summary>The outcome of recomputing the chain: how many entries held, and the first that did not.</summary>
/// <param name="Checked">Entries verified before the first broken one (or all).</param>
/// <param name="BrokenAt">The sequence number of the first broken entry, or null when the chain is intact.</param>
/// <param name="Problem">What is wrong with it.</param>
/// <param name="CheckpointsVerified">Signed checkpoints whose signature and hash were checked.</param>
public sealed record AuditVerification(long Checked, long? BrokenAt, string? Problem, int CheckpointsVerified = 0)
{
    public bool IsIntact => BrokenAt is null;
}
