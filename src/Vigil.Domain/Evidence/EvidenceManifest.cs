namespace Vigil.Domain.Evidence;

/// <summary>
/// What an evidence package holds and who let it out (ADR 017): the incident, the request and its
/// approval, the alerts, and every file with its SHA-256. The installation's audit key signs the exact
/// bytes of this manifest, so a changed, missing or added file is named by <c>vigil evidence verify</c>.
/// <see cref="Format"/> is always <see cref="CurrentFormat"/>; <see cref="PackageId"/> is the evidence
/// request's id (as in the audit log's entries for it); <see cref="KeyId"/> the signing key's id, as
/// the transparency page publishes it.
/// </summary>
public sealed record EvidenceManifest(
    string Format,
    string PackageId,
    DateTimeOffset BuiltAt,
    string KeyId,
    string Notice,
    EvidenceIncident Incident,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string Reason,
    string ApprovedBy,
    DateTimeOffset ApprovedAt,
    string? ApprovalNote,
    IReadOnlyList<EvidenceAlert> Alerts,
    IReadOnlyList<EvidenceFile> Files)
{
    public const string CurrentFormat = "vigil-evidence/1";

    /// <summary>What every package says about its pictures.</summary>
    public const string RedactedNotice =
        "Every picture in this package is the redacted picture Vigil's operators saw: faces (or whole people) pixelated at the camera, before anything was stored. Vigil records no identities.";
}
