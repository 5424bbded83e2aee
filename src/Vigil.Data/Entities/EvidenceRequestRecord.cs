using Vigil.Domain.Evidence;

namespace Vigil.Data.Entities;

/// <summary>
/// A supervisor's request to export an incident's evidence, and an auditor's decision on it (dual
/// control, ADR 017). Once approved, the signed package it made waits for its requester until
/// <see cref="ExpiresAt"/>; its SHA-256 is here and in the audit log, so a package can be matched to
/// the decision that let it out. The row is never deleted: it is the record of who let what out.
/// </summary>
public sealed class EvidenceRequestRecord
{
    public required string Id { get; set; }

    public required string IncidentId { get; set; }

    public required string RequestedById { get; set; }

    public required string RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public required string Reason { get; set; }

    public ApprovalState State { get; set; }

    public string? DecidedById { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecisionNote { get; set; }

    /// <summary>The package's file name under <c>DATA/evidence</c> while it may be downloaded; null once removed.</summary>
    public string? PackageFile { get; set; }

    public string? PackageSha256 { get; set; }

    public long? PackageBytes { get; set; }

    public int? PackageFiles { get; set; }

    /// <summary>Until when the requester may download the package; the retention sweep removes it after.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>How many times the package was downloaded (each one an audited export).</summary>
    public int Downloads { get; set; }

    public int Version { get; set; }
}
