namespace Vigil.Server.Oversight;

/// <summary>
/// What the public may know about how the system is used (DESIGN.md §2): every camera and why it
/// exists, monthly figures of use, and the audit log's signed checkpoints with the key to check
/// them. Nothing in it identifies anyone, staff included.
/// </summary>
public sealed record TransparencyReport(
    DateTimeOffset GeneratedAt,
    string AuditPublicKey,
    string AuditKeyId,
    IReadOnlyList<TransparencyCamera> Cameras,
    IReadOnlyList<TransparencyMonth> Months,
    IReadOnlyList<TransparencyCheckpoint> Checkpoints,
    IReadOnlyList<TransparencySensor> Sensors);
