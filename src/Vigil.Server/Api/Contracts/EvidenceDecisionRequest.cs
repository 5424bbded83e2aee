namespace Vigil.Server.Api.Contracts;

/// <summary>An auditor's decision on an evidence request: approve or refuse, with a note (required to refuse).</summary>
public sealed record EvidenceDecisionRequest(bool? Approve, string? Note);
