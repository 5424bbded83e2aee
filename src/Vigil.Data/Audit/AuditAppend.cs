namespace Vigil.Data.Audit;

/// <summary>What a caller asked the audit log to append: the context holding its action's changes, and the entry's fields.</summary>
internal sealed record AuditAppend(VigilDbContext Db, string Actor, string Action, string? Target, string? Detail);
