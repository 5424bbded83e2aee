using Vigil.Domain.Alerts;
using Vigil.Domain.Rules;

namespace Vigil.Server.Mqtt;

/// <summary>
/// An alert as integrations receive it over MQTT: what happened to it and what it is, events only. Left
/// out on purpose: the snapshot (no images leave through MQTT), the track number (no tracks), who
/// handled it and their note (staff and free text stay in the console).
/// </summary>
internal sealed record MqttAlertEvent(
    string Change,
    string Id,
    string Source,
    string SourceId,
    string SourceName,
    string Rule,
    RuleKind Kind,
    string? Zone,
    string? Line,
    Severity Severity,
    AlertState State,
    double? Value,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? EndedAt);
