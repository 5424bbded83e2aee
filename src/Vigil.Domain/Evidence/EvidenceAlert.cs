namespace Vigil.Domain.Evidence;

/// <summary>One alert of the incident, with the clip window its footage covers (null when its camera recorded nothing).</summary>
public sealed record EvidenceAlert(
    string Id,
    string CameraId,
    string RuleId,
    string Kind,
    string Severity,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClipFrom,
    DateTimeOffset? ClipTo);
