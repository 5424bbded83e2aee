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

        Assert.Equal(["car"], _output.Select(o => o.Label));
        Assert.Equal(2, _output[0].TrackId);
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
