using Vigil.Domain.Geometry;

namespace Vigil.Vision.Tracking;

/// <summary>
/// One anonymous track: a Kalman state of its box and counters. It holds no appearance, so it
/// cannot be matched to anything outside its camera's current run (DESIGN.md §1).
/// </summary>
internal sealed class Track
{
    private readonly Dictionary<string, float> _labelVotes = new(StringComparer.Ordinal);
    private AxisFilter _cx;
    private AxisFilter _cy;
    private AxisFilter _w;
    private AxisFilter _h;

    public Track(int id, BoundingBox box, string label, float score, TimeSpan time, TrackerOptions options)
    {
        Id = id;
        Restart(box, options);
        Label = label;
        _labelVotes[label] = score;
        Score = score;
        LastMatched = time;
        PredictedAt = time;
        Hits = 1;
    }

    public int Id { get; }

    /// <summary>The class with the most detection confidence behind it so far.</summary>
    public string Label { get; private set; }

    public float Score { get; private set; }

    public bool Confirmed { get; set; }

    /// <summary>Consecutive detection frames with a match.</summary>
    public int Hits { get; private set; }

    public TimeSpan LastMatched { get; private set; }

    public TimeSpan PredictedAt { get; private set; }

    /// <summary>Whether it was matched on the latest detection frame.</summary>
    public bool MatchedThisFrame { get; set; }

    public BoundingBox Box
    {
        get
        {
            float w = (float)Math.Max(_w.Position, 1);
            float h = (float)Math.Max(_h.Position, 1);
            return new BoundingBox((float)_cx.Position - (w / 2), (float)_cy.Position - (h / 2), w, h);
        }
    }

    public void Predict(TimeSpan time, TrackerOptions options)
    {
        double dt = (time - PredictedAt).TotalSeconds;
        double accel = options.AccelerationNoise * Math.Max(_h.Position, 1);
        _cx.Predict(dt, accel);
        _cy.Predict(dt, accel);
        _w.Predict(dt, accel / 4);
        _h.Predict(dt, accel / 4);
        PredictedAt = time;
    }

    public void Update(BoundingBox box, string label, float score, TimeSpan time, TrackerOptions options)
    {
        double std = options.MeasurementNoise * Math.Max(box.Height, 1);
        _cx.Update(box.CenterX, std);
        _cy.Update(box.CenterY, std);
        _w.Update(box.Width, std);
        _h.Update(box.Height, std);
        _labelVotes[label] = _labelVotes.GetValueOrDefault(label) + score;
        if (_labelVotes[label] > _labelVotes[Label])
        {
            Label = label;
        }

        Score = score;
        LastMatched = time;
        Hits++;
        Misses = 0;
        MatchedThisFrame = true;
    }

    /// <summary>
    /// A lost track takes a detection that its prediction no longer overlaps (see
    /// <see cref="ObjectTracker"/>'s recovery stage): the state restarts at the detection, at rest,
    /// since the velocity it had before the gap says nothing about where it went.
    /// </summary>
    public void Recover(BoundingBox box, string label, float score, TimeSpan time, TrackerOptions options)
    {
        Restart(box, options);
        Update(box, label, score, time, options);
    }

    /// <summary>Detection frames in a row without a match.</summary>
    public int Misses { get; private set; }

    public void Miss()
    {
        Hits = 0;
        Misses++;
        if (Misses >= 2)
        {
            // One missed detection is bridged on the motion model; past that the track stays where
            // it was last seen rather than being extrapolated (a person who stopped behind a post
            // must not be walked across a counting line by the prediction).
            StopMoving();
        }
    }

    /// <summary>
    /// Nothing moved where the track is — a tick without motion (a still scene, or a source
    /// repeating frames), or one whose detection looked only at motion regions elsewhere: the
    /// track stays where it is, with no velocity. It counts as seen only if it was found when last
    /// looked for; a lost one keeps ageing towards its end (a still scene must not keep it for ever).
    /// </summary>
    public void Hold(TimeSpan time)
    {
        StopMoving();
        PredictedAt = time;
        if (Confirmed && Misses == 0)
        {
            LastMatched = time;
        }
    }

    /// <summary>The filter state starts at <paramref name="box"/>, at rest.</summary>
    private void Restart(BoundingBox box, TrackerOptions options)
    {
        double h = Math.Max(box.Height, 1);
        double std = options.MeasurementNoise * h;
        _cx = new AxisFilter(box.CenterX, std, h);
        _cy = new AxisFilter(box.CenterY, std, h);
        _w = new AxisFilter(box.Width, std, h / 4);
        _h = new AxisFilter(box.Height, std, h / 4);
    }

    private void StopMoving()
    {
        _cx.Stop();
        _cy.Stop();
        _w.Stop();
        _h.Stop();
    }
}
