using Vigil.Domain.Rules;

namespace Vigil.Domain.Alerts;

/// <summary>
/// Turns rule events into alerts: one alert per (camera, rule, track) for track rules and per
/// (camera, rule) episode for zone rules; a rule's cooldown suppresses a repeat for the same key;
/// episodes update while they last and end when they end. Operator actions move an alert through
/// its lifecycle. Pure apart from the injected clock; not thread-safe (one per pipeline host).
/// </summary>
public sealed class AlertManager(TimeProvider clock)
{
    private readonly Dictionary<string, Alert> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _openEpisodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TimeSpan At, TimeSpan Cooldown)> _lastFired = new(StringComparer.Ordinal);
    private readonly List<string> _expired = [];

    /// <summary>Every alert this manager holds, by id.</summary>
    public IReadOnlyDictionary<string, Alert> Alerts => _alerts;

    /// <summary>Applies one frame's rule events for a camera and appends the resulting changes.</summary>
    public void Process(string cameraId, IReadOnlyList<RuleEvent> events, List<AlertChange> changes)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(changes);
        DateTimeOffset now = clock.GetUtcNow();
        foreach (RuleEvent e in events)
        {
            string episodeKey = $"{cameraId}/{e.Rule.Id}";
            string key = e.TrackId is { } track ? $"{episodeKey}/{track}" : episodeKey;
            switch (e.Type)
            {
                case RuleEventType.Fired:
                    if (_lastFired.TryGetValue(key, out (TimeSpan At, TimeSpan Cooldown) last) && e.Time - last.At < e.Rule.Cooldown)
                    {
                        continue;
                    }

                    _lastFired[key] = (e.Time, e.Rule.Cooldown);
                    var alert = new Alert
                    {
                        Id = Guid.CreateVersion7(now).ToString("N"),
                        CameraId = cameraId,
                        RuleId = e.Rule.Id,
                        Kind = e.Rule.Kind,
                        ZoneId = e.Rule.Zone,
                        LineId = e.Rule.Line,
                        TrackId = e.TrackId,
                        Crossing = e.Crossing,
                        Severity = e.Severity,
                        Value = e.Value,
                        OpenedAt = now,
                        UpdatedAt = now,
                        FrameTime = e.Time,
                    };
                    _alerts[alert.Id] = alert;
                    if (e.TrackId is null)
                    {
                        _openEpisodes[episodeKey] = alert.Id;
                    }

                    changes.Add(new AlertChange(AlertChangeKind.Opened, alert));
                    break;
                case RuleEventType.Updated when _openEpisodes.TryGetValue(episodeKey, out string? id):
                    changes.Add(new AlertChange(AlertChangeKind.Updated, Replace(_alerts[id] with { Value = e.Value, Severity = e.Severity, UpdatedAt = now })));
                    break;
                case RuleEventType.Ended when _openEpisodes.Remove(episodeKey, out string? id):
                    changes.Add(new AlertChange(AlertChangeKind.Ended, Replace(_alerts[id] with { Value = e.Value, EndedAt = now, UpdatedAt = now })));
                    break;
            }
        }
    }

    /// <summary>Records the redacted snapshot taken for an alert.</summary>
    public Alert AttachSnapshot(string id, string snapshot)
    {
        ArgumentException.ThrowIfNullOrEmpty(snapshot);
        return _alerts.TryGetValue(id, out Alert? alert)
            ? Replace(alert with { Snapshot = snapshot })
            : throw new KeyNotFoundException($"No alert '{id}'.");
    }

    public Alert Acknowledge(string id) => Transition(id, AlertState.Acknowledged);

    public Alert Dismiss(string id) => Transition(id, AlertState.Dismissed);

    public Alert Escalate(string id) => Transition(id, AlertState.Escalated);

    /// <summary>
    /// Lets go of what a long-running host no longer needs: alerts that are not an open episode and
    /// have not changed for <paramref name="idle"/>, and cooldowns that have run out by frame time
    /// <paramref name="frameTime"/>. Alerts live on in the store; the manager only needs the recent ones.
    /// </summary>
    public void Prune(TimeSpan frameTime, TimeSpan idle)
    {
        DateTimeOffset cutoff = clock.GetUtcNow() - idle;
        var open = new HashSet<string>(_openEpisodes.Values, StringComparer.Ordinal);
        _expired.Clear();
        foreach ((string id, Alert alert) in _alerts)
        {
            if (alert.UpdatedAt < cutoff && !open.Contains(id))
            {
                _expired.Add(id);
            }
        }

        foreach (string id in _expired)
        {
            _alerts.Remove(id);
        }

        _expired.Clear();
        foreach ((string key, (TimeSpan at, TimeSpan cooldown)) in _lastFired)
        {
            if (frameTime - at >= cooldown)
            {
                _expired.Add(key);
            }
        }

        foreach (string key in _expired)
        {
            _lastFired.Remove(key);
        }
    }

    private Alert Transition(string id, AlertState to)
    {
        if (!_alerts.TryGetValue(id, out Alert? alert))
        {
            throw new KeyNotFoundException($"No alert '{id}'.");
        }

        AlertLifecycle.EnsureAllowed(id, alert.State, to);
        return Replace(alert with { State = to, UpdatedAt = clock.GetUtcNow() });
    }

    private Alert Replace(Alert alert)
    {
        _alerts[alert.Id] = alert;
        return alert;
    }
}
