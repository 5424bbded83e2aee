using Vigil.Domain.Rules;

namespace Vigil.Server.Api.Contracts;

/// <summary>An alert on a camera's timeline: when it opened and the footage that is its clip.</summary>
public sealed record ClipMarkerDto(string AlertId, string RuleId, Severity Severity, DateTimeOffset OpenedAt, DateTimeOffset ClipFrom, DateTimeOffset? ClipTo);
