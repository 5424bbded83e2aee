namespace Vigil.Domain.Warnings;

/// <summary>
/// One CAP 1.2 message with one <c>info</c> block and one area: what Vigil publishes. Update and
/// Cancel messages carry the <see cref="References"/> of every earlier message of the same warning.
/// </summary>
public sealed record CapMessage(
    string Identifier,
    string Sender,
    DateTimeOffset Sent,
    string Status,
    string MessageType,
    string? Note,
    IReadOnlyList<CapReference> References,
    string? Incidents,
    string Language,
    string Category,
    string Event,
    string? ResponseType,
    string Urgency,
    string Severity,
    string Certainty,
    DateTimeOffset? Expires,
    string SenderName,
    string Headline,
    string Description,
    string? Instruction,
    CapArea Area)
{
    public CapReference AsReference() => new(Sender, Identifier, Sent);
}
