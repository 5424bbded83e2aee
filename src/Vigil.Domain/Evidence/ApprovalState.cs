namespace Vigil.Domain.Evidence;

/// <summary>Where a request that needs a second person stands (dual control, DESIGN.md §1).</summary>
public enum ApprovalState
{
    /// <summary>Filed, waiting for an auditor.</summary>
    Pending,

    /// <summary>An auditor agreed; what was asked for is made available to the requester, for a limited time.</summary>
    Approved,

    /// <summary>An auditor said no; nothing is made.</summary>
    Refused,
}
