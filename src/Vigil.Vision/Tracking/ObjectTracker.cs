using Vigil.Domain.Geometry;
using Vigil.Domain.Observations;
using Vigil.Vision.Detection;

namespace Vigil.Vision.Tracking;

/// <summary>
/// Multi-object tracker for one camera: constant-velocity Kalman prediction and two-stage IoU
/// association (high-score detections first, then low-score ones only to keep existing tracks
/// alive, as ByteTrack does). Ids are anonymous integers counted from 1 per camera run; no
/// appearance features are ever computed, so tracks cannot be re-identified (DESIGN.md §1).
/// Not thread-safe: one tracker belongs to one camera pipeline.
/// </summary>
public sealed class ObjectTracker(TrackerOptions options)
{
    private readonly List<Track> _tracks = [];
    private readonly List<(int Track, int Detection, float Iou)> _pairs = [];
    private readonly List<bool> _unsearched = [];
    private readonly List<BoundingBox> _candidates = [];
    private bool[] _detectionUsed = new bool[64];
    private int _nextId = 1;

    /// <summary>Live tracks, tentative ones included.</summary>
    public int ActiveCount => _tracks.Count;

    /// <summary>Ids issued so far.</summary>
    public int TracksStarted => _nextId - 1;

    /// <summary>Feeds one frame's detections (of the whole frame) and writes the confirmed tracks on it into <paramref name="output"/>.</summary>
    public void Update(IReadOnlyList<DetectedObject> detections, TimeSpan time, List<TrackedObject> output) =>
        Update(detections, time, output, [], wholeFrame: true);

    /// <summary>
    /// Feeds detections found only in <paramref name="searched"/> (motion regions, issue 24). A
    /// track not wholly inside one was not looked for: it lies where the motion gate saw nothing
    /// change, so unless a detection still matches it (an object reaching into a region) it is
    /// held where it is instead of missing (<see cref="Track.Hold"/>).
    /// </summary>
    public void Update(IReadOnlyList<DetectedObject> detections, TimeSpan time, List<TrackedObject> output, ReadOnlySpan<DetectionRegion> searched) =>
        Update(detections, time, output, searched, wholeFrame: false);

    private void Update(IReadOnlyList<DetectedObject> detections, TimeSpan time, List<TrackedObject> output, ReadOnlySpan<DetectionRegion> searched, bool wholeFrame)
    {
        ArgumentNullException.ThrowIfNull(detections);
        _unsearched.Clear();
        foreach (Track t in _tracks)
        {
            _unsearched.Add(!wholeFrame && !Inside(t.Box, searched));
            t.Predict(time, options);
            t.MatchedThisFrame = false;
        }

        if (_detectionUsed.Length < detections.Count)
        {
            _detectionUsed = new bool[detections.Count * 2];
        }

        Array.Clear(_detectionUsed, 0, detections.Count);
        Associate(detections, highScores: true, options.MatchIou);
        Associate(detections, highScores: false, options.LowScoreMatchIou);
        Recover(detections);

        for (int i = 0; i < _tracks.Count; i++)
        {
            Track t = _tracks[i];
            if (!t.MatchedThisFrame && _unsearched[i])
            {
                t.Hold(time);
                t.MatchedThisFrame = true; // not looked for: neither found nor missed
            }
            else if (!t.MatchedThisFrame)
            {
                t.Miss();
            }
            else if (t.Hits >= options.MinHits)
            {
                t.Confirmed = true;
            }
        }

        // Death: unconfirmed tracks die at their first miss; confirmed ones after MaxMissedSeconds.
        for (int i = _tracks.Count - 1; i >= 0; i--)
        {
            Track t = _tracks[i];
            if (!t.MatchedThisFrame && (!t.Confirmed || (time - t.LastMatched).TotalSeconds > options.MaxMissedSeconds))
            {
                _tracks.RemoveAt(i);
            }
        }

        // Birth: high-score detections nobody claimed; low-score ones are remembered as candidates.
        _candidates.Clear();
        for (int d = 0; d < detections.Count; d++)
        {
            DetectedObject det = detections[d];
            if (!_detectionUsed[d] && det.Score < options.HighScore)
            {
                _candidates.Add(det.Box);
            }

            if (!_detectionUsed[d] && det.Score >= options.HighScore)
            {
                var track = new Track(_nextId++, det.Box, det.Label, det.Score, time, options) { MatchedThisFrame = true };
                track.Confirmed = options.MinHits <= 1;
                _tracks.Add(track);
            }
        }

        Write(output, time);
    }

    /// <summary>Advances the tracks to a frame without detection and writes the confirmed ones.</summary>
    public void Predict(TimeSpan time, List<TrackedObject> output)
    {
        foreach (Track t in _tracks)
        {
            t.Predict(time, options);
        }

        Write(output, time);
    }

    /// <summary>
    /// A frame on which the motion gate saw nothing move: every track is where it was, so the
    /// confirmed ones count as seen (a person standing still stays tracked without inference).
    /// </summary>
    public void Hold(TimeSpan time, List<TrackedObject> output)
    {
        foreach (Track t in _tracks)
        {
            t.Hold(time);
        }

        Write(output, time);
    }

    /// <summary>
    /// The tracks' current boxes, for planning where to look (issue 24): every live track in
    /// <paramref name="live"/>, and in <paramref name="recheck"/> what a whole-frame detection
    /// would settle at the next tick: tracks not yet confirmed, confirmed ones missed when last
    /// looked for, and the last detection's low-score finds that started no track (a parked van
    /// first seen at 0.45 becomes a track only by being seen again).
    /// </summary>
    public void CollectBoxes(List<BoundingBox> live, List<BoundingBox> recheck)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(recheck);
        live.Clear();
        recheck.Clear();
        foreach (Track t in _tracks)
        {
            live.Add(t.Box);
            if (!t.Confirmed || t.Misses > 0)
            {
                recheck.Add(t.Box);
            }
        }

        recheck.AddRange(_candidates);
    }

    /// <summary>Whether a box lies wholly (within a few pixels) inside one of the regions.</summary>
    private static bool Inside(BoundingBox box, ReadOnlySpan<DetectionRegion> regions)
    {
        const float Tolerance = 4;
        foreach (DetectionRegion r in regions)
        {
            if (box.X >= r.X - Tolerance && box.Y >= r.Y - Tolerance && box.Right <= r.Right + Tolerance && box.Bottom <= r.Bottom + Tolerance)
            {
                return true;
            }
        }

        return false;
    }

    private void Associate(IReadOnlyList<DetectedObject> detections, bool highScores, float minIou)
    {
        _pairs.Clear();
        for (int t = 0; t < _tracks.Count; t++)
        {
            Track track = _tracks[t];
            if (track.MatchedThisFrame)
            {
                continue;
            }

            BoundingBox predicted = track.Box;
            int group = LabelGroups.Of(track.Label);
            for (int d = 0; d < detections.Count; d++)
            {
                DetectedObject det = detections[d];
                if (_detectionUsed[d] || (det.Score >= options.HighScore) != highScores || LabelGroups.Of(det.Label) != group)
                {
                    continue;
                }

                float iou = predicted.IntersectionOverUnion(det.Box);
                if (iou >= minIou)
                {
                    _pairs.Add((t, d, iou));
                }
            }
        }

        AssignGreedily(detections, recover: false);
    }

    /// <summary>
    /// Third stage: confirmed tracks that are lost (no match this frame nor on the tick before)
    /// take the nearest unclaimed high-score detection of their kind within
    /// <see cref="TrackerOptions.RecoverDistance"/> box heights and of a similar size.
    /// </summary>
    private void Recover(IReadOnlyList<DetectedObject> detections)
    {
        if (options.RecoverDistance <= 0)
        {
            return;
        }

        _pairs.Clear();
        for (int t = 0; t < _tracks.Count; t++)
        {
            Track track = _tracks[t];
            if (track.MatchedThisFrame || !track.Confirmed || track.Misses == 0)
            {
                continue;
            }

            BoundingBox predicted = track.Box;
            int group = LabelGroups.Of(track.Label);
            for (int d = 0; d < detections.Count; d++)
            {
                DetectedObject det = detections[d];
                if (_detectionUsed[d] || det.Score < options.HighScore || LabelGroups.Of(det.Label) != group)
                {
                    continue;
                }

                float height = Math.Max(predicted.Height, det.Box.Height);
                float sizeRatio = det.Box.Height / Math.Max(predicted.Height, 1);
                float dx = det.Box.CenterX - predicted.CenterX;
                float dy = det.Box.CenterY - predicted.CenterY;
                float distance = MathF.Sqrt((dx * dx) + (dy * dy)) / Math.Max(height, 1);
                if (distance <= options.RecoverDistance && sizeRatio is >= 0.67f and <= 1.5f)
                {
                    // Stored as a closeness so the overlap ordering (largest first) serves here too.
                    _pairs.Add((t, d, 1 / (1 + distance)));
                }
            }
        }

        AssignGreedily(detections, recover: true);
    }

    /// <summary>
    /// Greedy assignment of the candidate pairs, best first: with the few objects per camera this
    /// matches what an optimal assignment gives, without its cost.
    /// </summary>
    private void AssignGreedily(IReadOnlyList<DetectedObject> detections, bool recover)
    {
        _pairs.Sort(PairsByOverlap.Instance);
        foreach ((int t, int d, float _) in _pairs)
        {
            Track track = _tracks[t];
            if (track.MatchedThisFrame || _detectionUsed[d])
            {
                continue;
            }

            DetectedObject det = detections[d];
            if (recover)
            {
                track.Recover(det.Box, det.Label, det.Score, track.PredictedAt, options);
            }
            else
            {
                track.Update(det.Box, det.Label, det.Score, track.PredictedAt, options);
            }

            _detectionUsed[d] = true;
        }
    }

    private void Write(List<TrackedObject> output, TimeSpan time)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Clear();
        double coast = Math.Min(options.CoastSeconds, options.MaxMissedSeconds);
        foreach (Track t in _tracks)
        {
            if (t.Confirmed && (t.Misses == 0 || (time - t.LastMatched).TotalSeconds <= coast))
            {
                output.Add(new TrackedObject(t.Id, t.Label, t.Score, t.Box));
            }
        }
    }

    /// <summary>Best overlap first; one shared instance, so sorting allocates nothing.</summary>
    private sealed class PairsByOverlap : IComparer<(int Track, int Detection, float Iou)>
    {
        public static readonly PairsByOverlap Instance = new();

        public int Compare((int Track, int Detection, float Iou) x, (int Track, int Detection, float Iou) y) => y.Iou.CompareTo(x.Iou);
    }
}
