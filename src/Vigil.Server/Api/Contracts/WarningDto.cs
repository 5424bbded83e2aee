namespace Vigil.Server.Api.Contracts;

/// <summary>
/// One published CAP message. <c>WarningId</c> names the warning (its first message), used to
/// update or cancel it; <c>DocumentUrl</c> is the public CAP document.
/// </summary>
public sealed record WarningDto(
    string Id,
    string WarningId,
    int Number,
    string IncidentId,
    string Identifier,
    string MessageType,
    DateTimeOffset Sent,
    DateTimeOffset? Expires,
    string Headline,
    string CreatedBy,
    string DocumentUrl);
