namespace Vigil.Server.Api.Contracts;

/// <summary>A page of audit entries, newest first; <c>Next</c> is the <c>before</c> of the next page (null at the start of the log).</summary>
public sealed record AuditEntryPage(IReadOnlyList<AuditEntryDto> Items, long? Next);
