using Vigil.Domain.Geometry;
using Vigil.Domain.Observations;
using Vigil.Vision.Detection;
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

    [Fact]
    public void Update_OnRegions_ATrackOutsideThemIsHeldNotMissed()
    {
        // A person standing at (100, 100), confirmed on whole-frame detections.
        for (int i = 0; i < 3; i++)
        {
            Step(Person(100, 100, 0.9f));
        }

        // Then only a region far from them is searched, for longer than a track survives unseen.
        DetectionRegion elsewhere = new(400, 100, 128, 128, 128, 128);
        for (int i = 0; i < 40; i++)
        {
            StepOn([elsewhere]);
        }

        TrackedObject held = Assert.Single(_output);
        Assert.Equal(1, held.TrackId);
        Assert.InRange(held.Box.X, 99, 101);
    }

    [Fact]
    public void Update_OnRegions_ATrackInsideOneThatIsNotFoundThereEnds()
    {
        for (int i = 0; i < 3; i++)
        {
            Step(Person(100, 100, 0.9f));
        }

        // The region covers where the person was, and nobody is found there any more.
        DetectionRegion there = new(64, 64, 160, 160, 160, 160);
        for (int i = 0; i < 40; i++)
        {
            StepOn([there]);
        }

        Assert.Empty(_output);
    }

    [Fact]
    public void Update_OnRegions_AMovingPersonFoundInTheirRegionKeepsTheirTrack()
    {
        for (int i = 0; i < 10; i++)
        {
            float x = 100 + (i * 6);
            DetectionRegion around = new((int)x - 32, 68, 96, 160, 96, 160);
            StepOn([around], Person(x, 100, 0.8f));
        }

        Assert.Equal(1, Assert.Single(_output).TrackId);
    }

    [Fact]
    public void Hold_ALostTrack_IsNotKeptAliveByAStillScene()
    {
        for (int i = 0; i < 3; i++)
        {
            Step(Person(100, 100, 0.9f));
        }

        Step(); // the person is gone: missed

        // Nothing moves for three seconds (longer than a track is kept unseen).
        for (int i = 0; i < 30; i++)
        {
            _time += s_frame;
            _tracker.Hold(_time, _output);
        }

        Assert.Empty(_output);
        Step();
        Assert.Equal(0, _tracker.ActiveCount);
    }

    [Fact]
    public void CollectBoxes_TentativeAndMissedTracks_AreToBeLookedAtAgain()
    {
        var live = new List<BoundingBox>();
        var recheck = new List<BoundingBox>();
        Step(Person(100, 100, 0.9f)); // tentative
        _tracker.CollectBoxes(live, recheck);
        Assert.Single(live);
        Assert.Single(recheck);

        Step(Person(100, 100, 0.9f));
        Step(Person(100, 100, 0.9f)); // confirmed, found
        _tracker.CollectBoxes(live, recheck);
        Assert.Single(live);
        Assert.Empty(recheck);

        Step(); // missed once
        _tracker.CollectBoxes(live, recheck);
        Assert.Single(recheck);
    }

    [Fact]
    public void CollectBoxes_ALowScoreFindThatStartedNoTrack_IsToBeLookedAtAgain()
    {
        var live = new List<BoundingBox>();
        var recheck = new List<BoundingBox>();

        Step(Person(300, 100, 0.4f)); // below the score that starts a track

        _tracker.CollectBoxes(live, recheck);
        Assert.Empty(live);
        Assert.Equal(300, Assert.Single(recheck).X);
    }

    private static DetectedObject Person(float x, float y, float score) => new(new BoundingBox(x, y, 30, 80), "person", score);

    private void Step(params DetectedObject[] detections)
    {
        _time += s_frame;
        _tracker.Update(detections, _time, _output);
    }

    private void StepOn(DetectionRegion[] searched, params DetectedObject[] detections)
    {
        _time += s_frame;
        _tracker.Update(detections, _time, _output, searched);
    }
}
