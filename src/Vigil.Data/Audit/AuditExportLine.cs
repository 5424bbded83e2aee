namespace Vigil.Data.Audit;

/// <summary>
/// One line of an audit export (JSON Lines): a <c>header</c> (period and the installation's key as
/// a hint; verify with the published key), then <c>entry</c> lines in order, then <c>checkpoint</c> lines.
/// </summary>
public sealed record AuditExportLine(
    string Type,
    long? Sequence = null,
    DateTimeOffset? At = null,
    string? Actor = null,
    string? Action = null,
    string? Target = null,
    string? Detail = null,
    string? PreviousHash = null,
    string? Hash = null,
    string? KeyId = null,
    string? Signature = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? PublicKey = null);
