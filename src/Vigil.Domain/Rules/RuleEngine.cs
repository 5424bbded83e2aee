using Vigil.Domain.Cameras;
using Vigil.Domain.Geometry;
using Vigil.Domain.Observations;

namespace Vigil.Domain.Rules;

/// <summary>
/// Evaluates one camera's rules on each frame's tracks. Pure: no I/O, no clock (frame times come
/// in), deterministic. Geometry is normalised, so the engine needs the frame size to place a
/// track's bottom-centre (the point that is "in" a zone). State per anonymous track id lives only
/// while the track does (plus <see cref="RuleEngineOptions.TrackMemory"/>).
/// </summary>
public sealed class RuleEngine
{
    private readonly RuleEngineOptions _options;
    private readonly double _width;
    private readonly double _height;
    private readonly Dictionary<string, ZoneRuntime> _zones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TripLine> _lines = new(StringComparer.Ordinal);
    private readonly Dictionary<int, TrackState> _tracks = [];
    private readonly Dictionary<string, EpisodeState> _episodes = new(StringComparer.Ordinal);
    private readonly List<int> _expired = [];
    private readonly RuleDefinition[] _episodeRules;
    private readonly RuleDefinition[] _rules;

    public RuleEngine(Camera camera, int frameWidth, int frameHeight, RuleEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(camera);
        _options = options ?? new RuleEngineOptions();
        _width = frameWidth;
        _height = frameHeight;
        foreach (Zone zone in camera.Zones)
        {
            double? areaM2 = zone.Ground is { } g ? new Polygon(zone.Polygon.Points.Select(g.ToMetres().Map).ToArray()).Area() : null;
            _zones[zone.Id] = new ZoneRuntime(zone, areaM2);
        }

        foreach (TripLine line in camera.Lines)
        {
            _lines[line.Id] = line;
        }

        _rules = [.. camera.Rules];
        _episodeRules = camera.Rules.Where(r => r.Kind is RuleKind.Occupancy or RuleKind.Density).ToArray();
        foreach (RuleDefinition rule in _episodeRules)
        {
            _episodes[rule.Id] = new EpisodeState();
        }
    }

    /// <summary>Evaluates every rule on one frame's tracks and appends what happened to <paramref name="events"/>.</summary>
    public void Evaluate(TimeSpan time, IReadOnlyList<TrackedObject> tracks, List<RuleEvent> events)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentNullException.ThrowIfNull(events);
        foreach (ZoneRuntime zone in _zones.Values)
        {
            zone.ResetCounts();
        }

        // Indexed loops: enumerating an IReadOnlyList allocates an enumerator, and this runs per frame.
        for (int t = 0; t < tracks.Count; t++)
        {
            TrackedObject track = tracks[t];
            PointF2 p = new((track.Box.X + (track.Box.Width / 2)) / _width, (track.Box.Y + track.Box.Height) / _height);
            if (!_tracks.TryGetValue(track.TrackId, out TrackState? state))
            {
                state = new TrackState(p, time);
                _tracks[track.TrackId] = state;
            }

            state.Observe(p, time);
            foreach (RuleDefinition rule in _rules)
            {
                if (!AppliesTo(rule, track.Label))
                {
                    continue;
                }

                switch (rule.Kind)
                {
                    case RuleKind.LineCrossing:
                        EvaluateLine(rule, track, state, p, time, events);
                        break;
                    case RuleKind.Occupancy:
                    case RuleKind.Density:
                        if (InZone(rule, state, p, time))
                        {
                            _zones[rule.Zone!].Count(rule.Id);
                        }

                        break;
                    default:
                        EvaluateTrackInZone(rule, track, state, p, time, events);
                        break;
                }
            }
        }

        foreach (RuleDefinition rule in _episodeRules)
        {
            EvaluateEpisode(rule, time, events);
        }

        Forget(time);
    }

    private static bool AppliesTo(RuleDefinition rule, string label)
    {
        IReadOnlyList<string> labels = rule.EffectiveLabels;
        for (int i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i], label, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Zone membership with hysteresis: entering is immediate, leaving needs <see cref="RuleEngineOptions.ZoneExitGrace"/> outside.</summary>
    private bool InZone(RuleDefinition rule, TrackState state, PointF2 p, TimeSpan time)
    {
        ZoneRuntime zone = _zones[rule.Zone!];
        ZoneMembership m = state.Membership(zone.Zone.Id);
        if (m.LastEvaluated == time)
        {
            return m.Inside;
        }

        m.LastEvaluated = time;
        m.JustEntered = false;
        if (zone.Zone.Polygon.Contains(p))
        {
            m.OutsideSince = null;
            if (!m.Inside)
            {
                m.Inside = true;
                m.JustEntered = true;
                m.EnteredAt = time;
            }
        }
        else if (m.Inside)
        {
            m.OutsideSince ??= time;
            if (time - m.OutsideSince.Value >= _options.ZoneExitGrace)
            {
                m.Inside = false;
            }
        }

        return m.Inside;
    }

    private void EvaluateTrackInZone(RuleDefinition rule, TrackedObject track, TrackState state, PointF2 p, TimeSpan time, List<RuleEvent> events)
    {
        bool inside = InZone(rule, state, p, time);
        ZoneMembership m = state.Membership(rule.Zone!);
        RuleProgress progress = state.Progress(rule.Id);
        if (!inside)
        {
            progress.Reset();
            return;
        }

        if (m.JustEntered)
        {
            progress.Reset();
        }

        switch (rule.Kind)
        {
            case RuleKind.ZoneEntry when m.JustEntered:
                events.Add(new RuleEvent(rule, RuleEventType.Fired, time, rule.Severity, track.TrackId));
                break;
            case RuleKind.Dwell when !progress.Fired && time - m.EnteredAt >= rule.Duration:
                progress.Fired = true;
                events.Add(new RuleEvent(rule, RuleEventType.Fired, time, rule.Severity, track.TrackId, (time - m.EnteredAt).TotalSeconds));
                break;
            case RuleKind.StoppedVehicle:
                if (progress.Anchor is not { } anchor || (p - anchor).Length > _options.StoppedTolerance)
                {
                    progress.Anchor = p;
                    progress.Since = time;
                    progress.Fired = false;
                }
                else if (!progress.Fired && time - progress.Since >= rule.Duration)
                {
                    progress.Fired = true;
                    events.Add(new RuleEvent(rule, RuleEventType.Fired, time, rule.Severity, track.TrackId, (time - progress.Since).TotalSeconds));
                }

                break;
            case RuleKind.WrongWay when _zones[rule.Zone!].Zone.Direction is { } allowed:
                PointF2 v = state.Velocity;
                bool against = v.Length >= _options.MinTravelSpeed && PointF2.Dot(v, allowed) / (v.Length * allowed.Length) < -0.5;
                if (!against)
                {
                    progress.Anchor = null;
                }
                else if (progress.Anchor is null)
                {
                    progress.Anchor = p;
                    progress.Since = time;
                }
                else if (!progress.Fired && time - progress.Since >= _options.WrongWayDuration)
                {
                    progress.Fired = true;
                    events.Add(new RuleEvent(rule, RuleEventType.Fired, time, rule.Severity, track.TrackId, v.Length));
                }

                break;
        }
    }

    private void EvaluateLine(RuleDefinition rule, TrackedObject track, TrackState state, PointF2 p, TimeSpan time, List<RuleEvent> events)
    {
        TripLine line = _lines[rule.Line!];
        PointF2 d = line.To - line.From;
        double length = d.Length;
        double signed = PointF2.Cross(d, p - line.From) / length; // > 0: right of the directed line (y down)
        double along = PointF2.Dot(p - line.From, d) / (length * length);
        RuleProgress progress = state.Progress(rule.Id);
        if (Math.Abs(signed) < _options.LineHysteresis)
        {
            return; // inside the band: no side yet
        }

        int side = signed > 0 ? 1 : -1;
        if (progress.Side == 0)
        {
            progress.Side = side;
            return;
        }

        if (side == progress.Side)
        {
            return;
        }

        progress.Side = side;
        if (along is < -0.05 or > 1.05)
        {
            return; // went round the end of the line
        }

        CrossingDirection crossed = side > 0 ? CrossingDirection.LeftToRight : CrossingDirection.RightToLeft;
        if (rule.Direction == CrossingDirection.Any || rule.Direction == crossed)
        {
            events.Add(new RuleEvent(rule, RuleEventType.Fired, time, rule.Severity, track.TrackId, Crossing: crossed));
        }
    }

    private void EvaluateEpisode(RuleDefinition rule, TimeSpan time, List<RuleEvent> events)
    {
        ZoneRuntime zone = _zones[rule.Zone!];
        int count = zone.CountFor(rule.Id);
        EpisodeState episode = _episodes[rule.Id];
        double value;
        Severity severity;
        bool above;
        if (rule.Kind == RuleKind.Occupancy)
        {
            value = count;
            above = count >= rule.Count;
            severity = rule.Severity;
        }
        else
        {
            value = Math.Round(count / zone.AreaM2!.Value, 2);
            above = episode.Open ? value >= rule.WarnDensity * 0.9 : value >= rule.WarnDensity;
            severity = value >= rule.CriticalDensity ? Severity.Critical : Severity.Warning;
        }

        if (above)
        {
            episode.BelowSince = null;
            if (!episode.Open)
            {
                episode.Open = true;
                episode.Value = value;
                episode.Severity = severity;
                events.Add(new RuleEvent(rule, RuleEventType.Fired, time, severity, Value: value));
            }
            else if (value != episode.Value || severity > episode.Severity)
            {
                episode.Value = value;
                episode.Severity = severity > episode.Severity ? severity : episode.Severity;
                events.Add(new RuleEvent(rule, RuleEventType.Updated, time, episode.Severity, Value: value));
            }
        }
        else if (episode.Open)
        {
            episode.BelowSince ??= time;
            if (time - episode.BelowSince.Value >= _options.EpisodeEndGrace)
            {
                episode.Open = false;
                events.Add(new RuleEvent(rule, RuleEventType.Ended, time, episode.Severity, Value: value));
            }
        }
    }

    private void Forget(TimeSpan time)
    {
        _expired.Clear();
        foreach ((int id, TrackState state) in _tracks)
        {
            if (time - state.LastSeen > _options.TrackMemory)
            {
                _expired.Add(id);
            }
        }

        foreach (int id in _expired)
        {
            _tracks.Remove(id);
        }
    }

    private sealed class ZoneRuntime(Zone zone, double? areaM2)
    {
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

        public Zone Zone { get; } = zone;

        public double? AreaM2 { get; } = areaM2;

        public void ResetCounts() => _counts.Clear();

        public void Count(string ruleId) => _counts[ruleId] = _counts.GetValueOrDefault(ruleId) + 1;

        public int CountFor(string ruleId) => _counts.GetValueOrDefault(ruleId);
    }

    private sealed class EpisodeState
    {
        public bool Open { get; set; }

        public double Value { get; set; }

        public Severity Severity { get; set; }

        public TimeSpan? BelowSince { get; set; }
    }

    private sealed class ZoneMembership
    {
        public bool Inside { get; set; }

        public bool JustEntered { get; set; }

        public TimeSpan EnteredAt { get; set; }

        public TimeSpan? OutsideSince { get; set; }

        public TimeSpan LastEvaluated { get; set; } = TimeSpan.MinValue;
    }

    private sealed class RuleProgress
    {
        public bool Fired { get; set; }

        public PointF2? Anchor { get; set; }

        public TimeSpan Since { get; set; }

        public int Side { get; set; }

        public void Reset()
        {
            Fired = false;
            Anchor = null;
        }
    }

    private sealed class TrackState(PointF2 position, TimeSpan time)
    {
        private readonly Dictionary<string, ZoneMembership> _zones = new(StringComparer.Ordinal);
        private readonly Dictionary<string, RuleProgress> _rules = new(StringComparer.Ordinal);
        private PointF2 _last = position;

        public TimeSpan LastSeen { get; private set; } = time;

        /// <summary>Smoothed velocity, normalised units per second.</summary>
        public PointF2 Velocity { get; private set; }

        public void Observe(PointF2 p, TimeSpan time)
        {
            double dt = (time - LastSeen).TotalSeconds;
            if (dt > 0)
            {
                var instant = new PointF2((p.X - _last.X) / dt, (p.Y - _last.Y) / dt);
                Velocity = new PointF2((0.7 * Velocity.X) + (0.3 * instant.X), (0.7 * Velocity.Y) + (0.3 * instant.Y));
            }

            _last = p;
            LastSeen = time;
        }

        public ZoneMembership Membership(string zone)
        {
            if (!_zones.TryGetValue(zone, out ZoneMembership? m))
            {
                _zones[zone] = m = new ZoneMembership();
            }

            return m;
        }

        public RuleProgress Progress(string rule)
        {
            if (!_rules.TryGetValue(rule, out RuleProgress? r))
            {
                _rules[rule] = r = new RuleProgress();
            }

            return r;
        }
    }
}
