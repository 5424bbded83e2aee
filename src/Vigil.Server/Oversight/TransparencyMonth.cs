namespace Vigil.Server.Oversight;

/// <summary>One calendar month (UTC) of use, as counts only.</summary>
public sealed record TransparencyMonth(
    string Month,
    IReadOnlyDictionary<string, int> AlertsByKind,
    IReadOnlyDictionary<string, int> IncidentsByType,
    int LiveViewSessions,
    int SnapshotViews,
    int MediaDeletedByRetention,
    int Exports,
    int FailedSignIns);
