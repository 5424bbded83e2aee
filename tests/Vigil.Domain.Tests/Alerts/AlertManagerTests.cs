using Vigil.Domain.Alerts;
using Vigil.Domain.Rules;

namespace Vigil.Domain.Tests.Alerts;

public sealed class AlertManagerTests
{
    private static readonly RuleDefinition s_entry = new() { Id = "entry", Kind = RuleKind.ZoneEntry, Zone = "lawn", Cooldown = TimeSpan.FromSeconds(30) };
    private static readonly RuleDefinition s_crowd = new() { Id = "crowd", Kind = RuleKind.Occupancy, Zone = "lawn", Count = 3 };
    private readonly ManualClock _clock = new();
    private readonly List<AlertChange> _changes = [];
    private readonly AlertManager _manager;

    public AlertManagerTests() => _manager = new AlertManager(_clock);

    [Fact]
    public void Process_SameTrackFiresWithinCooldown_IsOneAlert()
    {
        Fire(new RuleEvent(s_entry, RuleEventType.Fired, TimeSpan.FromSeconds(1), Severity.Warning, TrackId: 3));
        Fire(new RuleEvent(s_entry, RuleEventType.Fired, TimeSpan.FromSeconds(10), Severity.Warning, TrackId: 3));
        Fire(new RuleEvent(s_entry, RuleEventType.Fired, TimeSpan.FromSeconds(10), Severity.Warning, TrackId: 4));
        Fire(new RuleEvent(s_entry, RuleEventType.Fired, TimeSpan.FromSeconds(45), Severity.Warning, TrackId: 3));

        Assert.Equal([3, 4, 3], _changes.Select(c => c.Alert.TrackId));
        Assert.All(_changes, c => Assert.Equal(AlertChangeKind.Opened, c.Kind));
        Assert.Equal(3, _changes.Select(c => c.Alert.Id).Distinct().Count());
    }

    [Fact]
    public void Process_Episode_OpensUpdatesAndEndsTheSameAlert()
    {
        Fire(new RuleEvent(s_crowd, RuleEventType.Fired, TimeSpan.FromSeconds(1), Severity.Warning, Value: 3));
        _clock.Advance(TimeSpan.FromSeconds(5));
        Fire(new RuleEvent(s_crowd, RuleEventType.Updated, TimeSpan.FromSeconds(6), Severity.Critical, Value: 6));
        _clock.Advance(TimeSpan.FromSeconds(5));
        Fire(new RuleEvent(s_crowd, RuleEventType.Ended, TimeSpan.FromSeconds(11), Severity.Critical, Value: 1));

        Assert.Equal([AlertChangeKind.Opened, AlertChangeKind.Updated, AlertChangeKind.Ended], _changes.Select(c => c.Kind));
        Assert.Single(_changes.Select(c => c.Alert.Id).Distinct());
        Alert final = _changes[^1].Alert;
        Assert.Equal(Severity.Critical, final.Severity);
        Assert.Equal(_clock.GetUtcNow(), final.EndedAt);
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromSeconds(10), final.OpenedAt);
    }

    [Fact]
    public void Prune_ForgetsIdleAlerts_KeepsOpenEpisodes_AndStillHonoursRunningCooldowns()
    {
        Fire(new RuleEvent(s_entry, RuleEventType.Fired, TimeSpan.FromSeconds(1), Severity.Warning, TrackId: 3));
        Fire(new RuleEvent(s_crowd, RuleEventType.Fired, TimeSpan.FromSeconds(1), Severity.Warning, Value: 3));
        _clock.Advance(TimeSpan.FromMinutes(40));

        _manager.Prune(TimeSpan.FromSeconds(20), idle: TimeSpan.FromMinutes(30));
        Fire(new RuleEvent(s_entry, RuleEventType.Fired, TimeSpan.FromSeconds(20), Severity.Warning, TrackId: 3));
        Fire(new RuleEvent(s_crowd, RuleEventType.Ended, TimeSpan.FromSeconds(21), Severity.Warning, Value: 0));

        Assert.Single(_manager.Alerts);
        Assert.Equal([AlertChangeKind.Opened, AlertChangeKind.Opened, AlertChangeKind.Ended], _changes.Select(c => c.Kind));
        _manager.Prune(TimeSpan.FromSeconds(40), idle: TimeSpan.FromMinutes(30));
        Fire(new RuleEvent(s_entry, RuleEventType.Fired, TimeSpan.FromSeconds(40), Severity.Warning, TrackId: 3));
        Assert.Equal(AlertChangeKind.Opened, _changes[^1].Kind);
    }

    [Fact]
    public void Lifecycle_AcknowledgeThenEscalate_IsAllowedAndFinal()
    {
        Fire(new RuleEvent(s_entry, RuleEventType.Fired, TimeSpan.Zero, Severity.Warning, TrackId: 1));
        string id = _changes[0].Alert.Id;

        Assert.Equal(AlertState.Acknowledged, _manager.Acknowledge(id).State);
        Assert.Equal(AlertState.Escalated, _manager.Escalate(id).State);
        AlertTransitionException ex = Assert.Throws<AlertTransitionException>(() => _manager.Dismiss(id));
        Assert.Contains("escalated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lifecycle_AcknowledgeADismissedAlert_IsRefused()
    {
        Fire(new RuleEvent(s_entry, RuleEventType.Fired, TimeSpan.Zero, Severity.Warning, TrackId: 1));
        string id = _changes[0].Alert.Id;
        _manager.Dismiss(id);

        Assert.Throws<AlertTransitionException>(() => _manager.Acknowledge(id));
        Assert.Throws<KeyNotFoundException>(() => _manager.Acknowledge("nope"));
    }

    private void Fire(RuleEvent e) => _manager.Process("cam", [e], _changes);

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
