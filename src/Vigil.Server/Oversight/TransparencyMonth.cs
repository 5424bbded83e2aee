namespace Vigil.Server.Oversight;

/// <summary>
/// One calendar month (UTC) of use, as counts only: evidence requests filed, and of them approved and
/// refused by an auditor (dual control); recorded footage played; requests to unmask originals filed,
/// approved and refused, and the minutes of original footage watched; incidents handed over by other
/// agencies (imports, each created, updated or unchanged).
/// </summary>
public sealed record TransparencyMonth(
    string Month,
    IReadOnlyDictionary<string, int> AlertsByKind,
    IReadOnlyDictionary<string, int> IncidentsByType,
    int LiveViewSessions,
    int SnapshotViews,
    int MediaDeletedByRetention,
    int Exports,
    int Imports,
    int FailedSignIns,
    int RecordingViews,
    int EvidenceRequests,
    int EvidenceApproved,
    int EvidenceRefused,
    int UnmaskRequests,
    int UnmaskApproved,
    int UnmaskRefused,
    double OriginalMinutesViewed);
