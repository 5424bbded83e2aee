using Vigil.Domain.Geometry;
using Vigil.Domain.Observations;
using Vigil.Vision.Tracking;

namespace Vigil.Vision.Tests.Tracking;

public sealed class ObjectTrackerTests
{
    private static readonly TimeSpan s_frame = TimeSpan.FromSeconds(0.1);
    private readonly List<TrackedObject> _output = [];
    private readonly ObjectTracker _tracker = new(new TrackerOptions());
    private TimeSpan _time;

    [Fact]
    public void Update_WalkingPerson_KeepsOneIdOnceConfirmed()
    {
        var ids = new HashSet<int>();
        for (int i = 0; i < 30; i++)
        {
            Step(Person(100 + (i * 6), 200, 0.8f));
            ids.UnionWith(_output.Select(o => o.TrackId));
        }

        Assert.Equal([1], ids);
        Assert.InRange(Assert.Single(_output).Box.X, 100 + (29 * 6) - 4, 100 + (29 * 6) + 4);
    }

    [Fact]
    public void Update_NewObject_IsReportedOnlyAfterMinHits()
    {
        Step(Person(100, 100, 0.9f));
        Assert.Empty(_output);
        Step(Person(102, 100, 0.9f));
        Assert.Empty(_output);
        Step(Person(104, 100, 0.9f));
        Assert.Single(_output);
    }

    [Fact]
    public void Update_OneMissedDetection_IsBridgedOnThePrediction()
    {
        for (int i = 0; i < 5; i++)
        {
            Step(Person(100 + (i * 5), 100, 0.9f));
        }

        Step();

        TrackedObject coasting = Assert.Single(_output);
        Assert.InRange(coasting.Box.X, 120, 130);
    }

    [Fact]
    public void Update_ObjectGoneLongerThanMaxMissed_IsDroppedAndItsIdNeverReused()
    {
        for (int i = 0; i < 5; i++)
        {
            Step(Person(100, 100, 0.9f));
        }

        for (int i = 0; i < 20; i++)
        {
            Step();
        }

        Assert.Equal(0, _tracker.ActiveCount);
        for (int i = 0; i < 3; i++)
        {
            Step(Person(100, 100, 0.9f));
        }

        Assert.Equal(2, Assert.Single(_output).TrackId);
    }

    [Fact]
    public void Update_LowScoreDetections_KeepATrackAliveButNeverStartOne()
    {
        for (int i = 0; i < 5; i++)
        {
            Step(Person(100, 100, 0.9f));
        }

        for (int i = 0; i < 10; i++)
        {
            Step(Person(100, 100, 0.3f), Person(400, 300, 0.3f));
        }

        Assert.Equal(1, Assert.Single(_output).TrackId);
        Assert.Equal(1, _tracker.TracksStarted);
    }

    [Fact]
    public void Update_CarDetectionOverPersonTrack_DoesNotTakeItOver()
    {
        for (int i = 0; i < 5; i++)
        {
            Step(Person(100, 100, 0.9f));
        }

        for (int i = 0; i < 5; i++)
        {
            Step(new DetectedObject(new BoundingBox(100, 100, 30, 80), "car", 0.9f));
        }

        // The car is a new track; the person's track keeps its label (and, occluded by the car,
        // is still reported for CoastSeconds).
        Assert.Equal(2, Assert.Single(_output, o => o.Label == "car").TrackId);
        Assert.DoesNotContain(_output, o => o.TrackId == 1 && o.Label != "person");
    }

    [Fact]
    public void Update_PersonLostBehindAnObstacle_IsReportedWhereLastSeenUntilCoastSecondsPass()
    {
        var tracker = new ObjectTracker(new TrackerOptions { CoastSeconds = 1.0, MaxMissedSeconds = 1.5 });
        var time = TimeSpan.Zero;
        var output = new List<TrackedObject>();
        void StepWith(params DetectedObject[] detections)
        {
            time += s_frame;
            tracker.Update(detections, time, output);
        }

        for (int i = 0; i < 5; i++)
        {
            StepWith(Person(100 + (i * 5), 100, 0.9f));
        }

        // 0.1 s a frame: still counted after 0.9 s without a detection, where they were last seen
        // (plus the one bridged step), not extrapolated 45 px further...
        for (int i = 0; i < 9; i++)
        {
            StepWith();
        }

        TrackedObject hidden = Assert.Single(output);
        Assert.Equal(1, hidden.TrackId);
        Assert.InRange(hidden.Box.X, 118, 132);

        // ...no longer after 1.2 s, although the track lives on until MaxMissedSeconds...
        StepWith();
        StepWith();
        StepWith();
        Assert.Empty(output);
        Assert.Equal(1, tracker.ActiveCount);

        // ...and gone after that.
        for (int i = 0; i < 4; i++)
        {
            StepWith();
        }

        Assert.Equal(0, tracker.ActiveCount);
    }

    [Fact]
    public void Update_LostPersonReappearsAwayFromThePrediction_KeepsTheirId()
    {
        // Walking right, then hidden for half a second, then seen again a little lower and behind
        // where the prediction went (no overlap with it): the same person, not a new one.
        for (int i = 0; i < 5; i++)
        {
            Step(Person(100 + (i * 5), 100, 0.9f));
        }

        for (int i = 0; i < 5; i++)
        {
            Step();
        }

        Step(Person(118, 150, 0.8f));
        Step(Person(120, 150, 0.8f));

        TrackedObject back = Assert.Single(_output);
        Assert.Equal(1, back.TrackId);
        Assert.InRange(back.Box.Y, 140, 160);
        Assert.Equal(1, _tracker.TracksStarted);
    }

    [Fact]
    public void Update_LostTrack_IsNotRecoveredByAnotherKindOrSizeOrAFarDetection()
    {
        for (int i = 0; i < 5; i++)
        {
            Step(Person(100, 100, 0.9f));
        }

        Step();
        Step();

        // A car where the person was, a person twice as tall, and one three box heights away.
        Step(
            new DetectedObject(new BoundingBox(100, 160, 30, 80), "car", 0.9f),
            new DetectedObject(new BoundingBox(140, 60, 60, 160), "person", 0.9f),
            Person(100, 340, 0.9f));

        Assert.Equal(4, _tracker.TracksStarted);
    }

    [Fact]
    public void Hold_StillScene_KeepsTracksWhereTheyAre()
    {
        for (int i = 0; i < 5; i++)
        {
            Step(Person(100 + (i * 10), 100, 0.9f));
        }

        for (int i = 0; i < 50; i++)
        {
            _time += s_frame;
            _tracker.Hold(_time, _output);
        }

        TrackedObject held = Assert.Single(_output);
        Assert.InRange(held.Box.X, 135, 150);
    }

    private static DetectedObject Person(float x, float y, float score) => new(new BoundingBox(x, y, 30, 80), "person", score);

    private void Step(params DetectedObject[] detections)
    {
        _time += s_frame;
        _tracker.Update(detections, _time, _output);
    }
}
