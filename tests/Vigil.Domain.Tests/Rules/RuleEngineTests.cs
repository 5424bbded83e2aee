using Vigil.Domain.Cameras;
using Vigil.Domain.Geometry;
using Vigil.Domain.Rules;

namespace Vigil.Domain.Tests.Rules;

public sealed class RuleEngineTests
{
    private static readonly Zone s_lawn = RuleScenario.Square("lawn", 0.5, 0.5, 0.9, 0.9);

    [Fact]
    public void ZoneEntry_TrackWalksIn_FiresOnceOnTheFrameItEnters()
    {
        var s = new RuleScenario([s_lawn], [], new RuleDefinition { Id = "entry", Kind = RuleKind.ZoneEntry, Zone = "lawn" });
        int firedAt = -1;
        for (int i = 0; i < 20; i++)
        {
            if (s.Step(RuleScenario.Person(1, 0.3 + (i * 0.03), 0.7)).Count > 0)
            {
                firedAt = firedAt < 0 ? i : throw new InvalidOperationException("fired twice");
            }
        }

        Assert.Equal(7, firedAt); // x = 0.51 on frame 7: the first inside the zone
        Assert.Equal(1, Assert.Single(s.Events).TrackId);
    }

    [Fact]
    public void ZoneEntry_TrackOnTheBoundary_CountsAsInside()
    {
        var s = new RuleScenario([s_lawn], [], new RuleDefinition { Id = "entry", Kind = RuleKind.ZoneEntry, Zone = "lawn" });

        Assert.Single(s.Step(RuleScenario.Person(1, 0.5, 0.7)));
    }

    [Fact]
    public void ZoneEntry_JitterAcrossTheEdge_IsOneEntry()
    {
        var s = new RuleScenario([s_lawn], [], new RuleDefinition { Id = "entry", Kind = RuleKind.ZoneEntry, Zone = "lawn" });
        for (int i = 0; i < 30; i++)
        {
            s.Step(RuleScenario.Person(1, i % 2 == 0 ? 0.497 : 0.503, 0.7));
        }

        Assert.Single(s.Events);
    }

    [Fact]
    public void ZoneEntry_TrackLostAndFoundInsideTheZone_IsNotANewEntry()
    {
        var s = new RuleScenario([s_lawn], [], new RuleDefinition { Id = "entry", Kind = RuleKind.ZoneEntry, Zone = "lawn" });
        s.Step(RuleScenario.Person(4, 0.6, 0.7));
        for (int i = 0; i < 10; i++)
        {
            s.Step(); // occluded for a second
        }

        s.Step(RuleScenario.Person(4, 0.62, 0.7));

        Assert.Single(s.Events);
    }

    [Fact]
    public void ZoneEntry_LeavesAndComesBack_FiresAgain()
    {
        var s = new RuleScenario([s_lawn], [], new RuleDefinition { Id = "entry", Kind = RuleKind.ZoneEntry, Zone = "lawn" });
        s.Step(RuleScenario.Person(1, 0.6, 0.7));
        for (int i = 0; i < 10; i++)
        {
            s.Step(RuleScenario.Person(1, 0.3, 0.7)); // a full second outside
        }

        s.Step(RuleScenario.Person(1, 0.6, 0.7));

        Assert.Equal(2, s.Events.Count);
    }

    [Fact]
    public void ZoneEntry_OtherLabel_IsIgnored()
    {
        var s = new RuleScenario([s_lawn], [], new RuleDefinition { Id = "entry", Kind = RuleKind.ZoneEntry, Zone = "lawn" });

        Assert.Empty(s.Step(RuleScenario.Person(1, 0.6, 0.7, label: "car")));
    }

    [Fact]
    public void LineCrossing_EachDirection_IsCountedWithItsDirection()
    {
        var gate = new TripLine("gate", new PointF2(0.5, 0.2), new PointF2(0.5, 0.8)); // pointing down: its left is x > 0.5 (image y down)
        var s = new RuleScenario([], [gate], new RuleDefinition { Id = "count", Kind = RuleKind.LineCrossing, Line = "gate" });
        for (int i = 0; i <= 20; i++)
        {
            s.Step(RuleScenario.Person(1, 0.3 + (i * 0.02), 0.5), RuleScenario.Person(2, 0.7 - (i * 0.02), 0.4));
        }

        Assert.Equal(2, s.Events.Count);
        Assert.Equal(CrossingDirection.RightToLeft, s.Events.Single(e => e.TrackId == 1).Crossing);
        Assert.Equal(CrossingDirection.LeftToRight, s.Events.Single(e => e.TrackId == 2).Crossing);
    }

    [Fact]
    public void LineCrossing_JitterOnTheLine_CountsNothing()
    {
        var gate = new TripLine("gate", new PointF2(0.5, 0.2), new PointF2(0.5, 0.8));
        var s = new RuleScenario([], [gate], new RuleDefinition { Id = "count", Kind = RuleKind.LineCrossing, Line = "gate" });
        s.Step(RuleScenario.Person(1, 0.45, 0.5));
        for (int i = 0; i < 30; i++)
        {
            s.Step(RuleScenario.Person(1, i % 2 == 0 ? 0.495 : 0.505, 0.5));
        }

        Assert.Empty(s.Events);
    }

    [Fact]
    public void LineCrossing_PassingBeyondTheLinesEnd_IsNotACrossing()
    {
        var gate = new TripLine("gate", new PointF2(0.5, 0.2), new PointF2(0.5, 0.4));
        var s = new RuleScenario([], [gate], new RuleDefinition { Id = "count", Kind = RuleKind.LineCrossing, Line = "gate" });
        for (int i = 0; i <= 20; i++)
        {
            s.Step(RuleScenario.Person(1, 0.3 + (i * 0.02), 0.8));
        }

        Assert.Empty(s.Events);
    }

    [Fact]
    public void LineCrossing_OneDirectionOnly_IgnoresTheOther()
    {
        var gate = new TripLine("gate", new PointF2(0.5, 0.2), new PointF2(0.5, 0.8));
        var s = new RuleScenario([], [gate], new RuleDefinition { Id = "in", Kind = RuleKind.LineCrossing, Line = "gate", Direction = CrossingDirection.LeftToRight });
        for (int i = 0; i <= 20; i++)
        {
            s.Step(RuleScenario.Person(1, 0.3 + (i * 0.02), 0.5));
        }

        Assert.Empty(s.Events);
    }

    [Fact]
    public void Dwell_StaysLongEnough_FiresOnceAfterTheDuration()
    {
        var s = new RuleScenario([s_lawn], [], new RuleDefinition { Id = "loiter", Kind = RuleKind.Dwell, Zone = "lawn", Duration = TimeSpan.FromSeconds(2) });
        var fired = new List<int>();
        for (int i = 0; i < 50; i++)
        {
            if (s.Step(RuleScenario.Person(1, 0.6, 0.6)).Count > 0)
            {
                fired.Add(i);
            }
        }

        Assert.Equal([20], fired);
    }

    [Fact]
    public void Occupancy_CrowdFormsAndDisperses_OpensUpdatesAndEndsOneEpisode()
    {
        var s = new RuleScenario([s_lawn], [], new RuleDefinition { Id = "full", Kind = RuleKind.Occupancy, Zone = "lawn", Count = 3 });
        for (int n = 1; n <= 5; n++)
        {
            s.Step(Enumerable.Range(1, n).Select(i => RuleScenario.Person(i, 0.55 + (i * 0.05), 0.7)).ToArray());
        }

        for (int i = 0; i < 30; i++)
        {
            s.Step(RuleScenario.Person(1, 0.6, 0.7));
        }

        Assert.Equal([RuleEventType.Fired, RuleEventType.Updated, RuleEventType.Updated, RuleEventType.Ended], s.Events.Select(e => e.Type));
        Assert.Equal([3.0, 4.0, 5.0, 1.0], s.Events.Select(e => e.Value!.Value));
    }

    [Fact]
    public void Density_CrowdPacksIn_WarnsAtFourAndGoesCriticalAtFivePerSquareMetre()
    {
        // The zone is a 2 m x 2 m square on the ground: 16 people = 4/m², 20 people = 5/m².
        var ground = new GroundCalibration([new(0.5, 0.5), new(0.9, 0.5), new(0.9, 0.9), new(0.5, 0.9)], [new(0, 0), new(2, 0), new(2, 2), new(0, 2)]);
        Zone square = RuleScenario.Square("square", 0.5, 0.5, 0.9, 0.9, ground);
        var s = new RuleScenario([square], [], new RuleDefinition { Id = "crush", Kind = RuleKind.Density, Zone = "square" });

        s.Step(Crowd(15));
        s.Step(Crowd(16));
        s.Step(Crowd(20));

        Assert.Equal(2, s.Events.Count);
        Assert.Equal((RuleEventType.Fired, Severity.Warning, 4.0), (s.Events[0].Type, s.Events[0].Severity, s.Events[0].Value!.Value));
        Assert.Equal((RuleEventType.Updated, Severity.Critical, 5.0), (s.Events[1].Type, s.Events[1].Severity, s.Events[1].Value!.Value));
    }

    [Fact]
    public void StoppedVehicle_StandsStillLongEnough_FiresOnce()
    {
        Zone road = RuleScenario.Square("road", 0.0, 0.0, 1.0, 0.5);
        var s = new RuleScenario([road], [], new RuleDefinition { Id = "stopped", Kind = RuleKind.StoppedVehicle, Zone = "road", Duration = TimeSpan.FromSeconds(3) });
        for (int i = 0; i < 10; i++)
        {
            s.Step(RuleScenario.Person(7, 0.1 + (i * 0.03), 0.3, label: "car")); // driving
        }

        for (int i = 0; i < 50; i++)
        {
            s.Step(RuleScenario.Person(7, 0.37 + (i % 2 * 0.002), 0.3, label: "car")); // parked, jittering
        }

        RuleEvent e = Assert.Single(s.Events);
        Assert.Equal(7, e.TrackId);
    }

    [Fact]
    public void WrongWay_MovingAgainstTheAllowedDirection_Fires()
    {
        Zone lane = RuleScenario.Square("lane", 0.0, 0.0, 1.0, 1.0, direction: new PointF2(1, 0));
        var s = new RuleScenario([lane], [], new RuleDefinition { Id = "wrong", Kind = RuleKind.WrongWay, Zone = "lane" });
        for (int i = 0; i < 30; i++)
        {
            s.Step(RuleScenario.Person(1, 0.2 + (i * 0.01), 0.5), RuleScenario.Person(2, 0.8 - (i * 0.01), 0.6));
        }

        Assert.Equal(2, Assert.Single(s.Events).TrackId);
    }

    private static Observations.TrackedObject[] Crowd(int n) =>
        Enumerable.Range(1, n).Select(i => RuleScenario.Person(i, 0.52 + ((i % 6) * 0.06), 0.52 + ((i / 6) * 0.09))).ToArray();
}
