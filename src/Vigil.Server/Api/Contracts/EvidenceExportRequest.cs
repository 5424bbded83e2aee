namespace Vigil.Server.Api.Contracts;

/// <summary>Asks for an incident's evidence package: the reason goes to the auditor who decides.</summary>
public sealed record EvidenceExportRequest(string? Reason);
