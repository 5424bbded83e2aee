namespace Vigil.Domain.Audit;

/// <summary>The names of audited actions, as they appear in the log and the transparency report.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    public const string LiveViewOpened = "live-view-opened";
    public const string LiveViewClosed = "live-view-closed";
    public const string FrameViewed = "frame-viewed";
    public const string SnapshotViewed = "snapshot-viewed";
    public const string AlertAcknowledged = "alert-acknowledged";
    public const string AlertDismissed = "alert-dismissed";
    public const string AlertEscalated = "alert-escalated";
    public const string UserCreated = "user-created";
    public const string UserRolesChanged = "user-roles-changed";
    public const string UserPasswordSet = "user-password-set";
    public const string UserDisabled = "user-disabled";
    public const string TokenCreated = "token-created";
    public const string TokenRevoked = "token-revoked";

    /// <summary>Requests refused (401, 403, 429), summed per actor, endpoint, status and address over a minute.</summary>
    public const string RequestsDenied = "requests-denied";
    public const string MediaDeleted = "media-deleted";

    /// <summary>The storage guard paused every camera's recording (the free-space floor could not be kept), or resumed it.</summary>
    public const string RecordingPaused = "recording-paused";
    public const string RecordingResumed = "recording-resumed";

    /// <summary>Someone played a camera's recorded footage (camera and time range in the detail).</summary>
    public const string RecordingViewed = "recording-viewed";
    /// <summary>A supervisor asked to export an incident's evidence (request id and reason in the detail).</summary>
    public const string EvidenceRequested = "evidence-requested";

    /// <summary>An auditor approved an evidence request; the signed package's SHA-256 is in the detail.</summary>
    public const string EvidenceApproved = "evidence-approved";

    /// <summary>An auditor refused an evidence request (the note in the detail).</summary>
    public const string EvidenceRefused = "evidence-refused";

    /// <summary>An approved package could not be made: a file no longer matched its recorded SHA-256.</summary>
    public const string EvidenceBuildFailed = "evidence-build-failed";

    /// <summary>The requester downloaded an approved evidence package. Counted as an export.</summary>
    public const string EvidenceExported = "export-evidence";
    public const string ConfigurationLoaded = "configuration-loaded";
    public const string IncidentCreated = "incident-created";
    public const string IncidentNote = "incident-note";
    public const string IncidentStatusChanged = "incident-status";
    public const string UnitDispatched = "unit-dispatched";
    public const string UnitStatusChanged = "unit-status";

    /// <summary>A public warning (CAP Alert, Update or Cancel) was published. Counted as an export.</summary>
    public const string WarningPublished = "export-cap";

    /// <summary>An incident was exported as NENA EIDO for another agency. Counted as an export.</summary>
    public const string IncidentExported = "export-eido";

    /// <summary>Another agency's incident was imported from NENA EIDO (created, updated or unchanged). Counted as an import.</summary>
    public const string IncidentImported = "import-eido";

    /// <summary>An operator or supervisor asked to see a camera's originals for a range of an incident (issue 22).</summary>
    public const string UnmaskRequested = "unmask-requested";

    /// <summary>An auditor approved an unmask request: its requester may watch that range for a limited time.</summary>
    public const string UnmaskApproved = "unmask-approved";

    /// <summary>An auditor refused an unmask request.</summary>
    public const string UnmaskRefused = "unmask-refused";

    /// <summary>An approved unmask view was ended before its time (by an auditor or its requester).</summary>
    public const string UnmaskRevoked = "unmask-revoked";

    /// <summary>The requester watched the original footage of an approved request (one entry per viewing, with its minutes).</summary>
    public const string OriginalViewed = "original-viewed";
}
