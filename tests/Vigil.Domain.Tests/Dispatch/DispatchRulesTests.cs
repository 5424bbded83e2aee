using Vigil.Domain.Cameras;
using Vigil.Domain.Dispatch;

namespace Vigil.Domain.Tests.Dispatch;

public sealed class DispatchRulesTests
{
    private static readonly GeoLocation s_scene = new(-0.2105, -78.4910);

    [Theory]
    [InlineData(UnitStatus.Available, UnitStatus.Dispatched, true)]
    [InlineData(UnitStatus.Dispatched, UnitStatus.EnRoute, true)]
    [InlineData(UnitStatus.EnRoute, UnitStatus.OnScene, true)]
    [InlineData(UnitStatus.OnScene, UnitStatus.Transporting, true)]
    [InlineData(UnitStatus.Transporting, UnitStatus.Available, true)]
    [InlineData(UnitStatus.Available, UnitStatus.OnScene, false)]
    [InlineData(UnitStatus.OutOfService, UnitStatus.Dispatched, false)]
    [InlineData(UnitStatus.Transporting, UnitStatus.OutOfService, false)]
    public void UnitLifecycle_AllowsOnlyTheResponseOrder(UnitStatus from, UnitStatus to, bool allowed)
    {
        string? refusal = UnitLifecycle.Refusal(from, to);

        Assert.Equal(allowed, refusal is null);
        if (refusal is not null)
        {
            Assert.Contains($"cannot become {UnitLifecycle.Name(to)}", refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void IncidentLifecycle_RefusesOnSceneBeforeDispatch_AndClosingWithUnitsAssigned()
    {
        Assert.Contains("cannot become on_scene", IncidentLifecycle.Refusal(IncidentStatus.New, IncidentStatus.OnScene, 0), StringComparison.Ordinal);
        Assert.Contains("2 unit(s) are still assigned", IncidentLifecycle.Refusal(IncidentStatus.Resolved, IncidentStatus.Closed, 2), StringComparison.Ordinal);
        Assert.Contains("cannot become cancelled while 1 unit(s)", IncidentLifecycle.Refusal(IncidentStatus.Dispatched, IncidentStatus.Cancelled, 1), StringComparison.Ordinal);
        Assert.Null(IncidentLifecycle.Refusal(IncidentStatus.Resolved, IncidentStatus.Closed, 0));
        Assert.Contains("it is final", IncidentLifecycle.Refusal(IncidentStatus.Closed, IncidentStatus.New, 0), StringComparison.Ordinal);
    }

    [Fact]
    public void Recommend_RanksAvailableSuitableUnitsByTravelTime_AndSaysWhy()
    {
        Unit near = Ambulance("amb-near", -0.2110, -78.4925);
        Unit far = Ambulance("amb-far", -0.1843, -78.4877);
        Unit busy = Ambulance("amb-busy", -0.2106, -78.4911);
        Unit patrol = new() { Id = "police-1", Name = "Patrol", Type = UnitType.PolicePatrol, Station = "Post", Home = new GeoLocation(-0.2105, -78.4910) };
        var recommender = new UnitRecommender(new TravelTimeEstimator());

        IReadOnlyList<UnitRecommendation> ranked = recommender.Recommend(
            IncidentType.Medical,
            s_scene,
            [(far, UnitStatus.Available, far.Home), (busy, UnitStatus.EnRoute, busy.Home), (patrol, UnitStatus.Available, patrol.Home), (near, UnitStatus.Available, near.Home)]);

        Assert.Equal(["amb-near", "amb-far"], ranked.Select(r => r.Unit.Id));
        Assert.True(ranked[0].EstimatedTravel < ranked[1].EstimatedTravel);
        Assert.StartsWith("available ambulance, 0.2 km away", ranked[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DistanceKm_IsTheGreatCircle()
    {
        // One degree of latitude is about 111.2 km anywhere.
        Assert.Equal(111.2, TravelTimeEstimator.DistanceKm(new GeoLocation(0, -78), new GeoLocation(1, -78)), 1);
    }

    [Fact]
    public void ResponseTimes_SplitTheResponse_AndNameMissedNfpaTargets()
    {
        var t0 = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

        var times = ResponseTimes.From(t0, t0.AddSeconds(90), t0.AddSeconds(160), t0.AddSeconds(460));

        Assert.Equal((90, 70, 300, 460), ((int)times.CallToDispatch!.Value.TotalSeconds, (int)times.Turnout!.Value.TotalSeconds, (int)times.Travel!.Value.TotalSeconds, (int)times.Total!.Value.TotalSeconds));
        Assert.Equal(["turnout 70 s > 60 s", "travel 300 s > 240 s"], times.Missed(new ResponseTargets(), UnitType.Ambulance));
        Assert.Equal(["travel 300 s > 240 s"], times.Missed(new ResponseTargets(), UnitType.FireEngine));
        Assert.Null(ResponseTimes.From(t0, t0.AddSeconds(30), null, null).Travel);
    }

    [Fact]
    public void ResponseTimeSummary_GroupsByTypeAndPriority_WithPercentilesAndTargetShares()
    {
        var t0 = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        (IncidentType, int, UnitType?, ResponseTimes)[] responses =
        [
            (IncidentType.Medical, 1, UnitType.Ambulance, ResponseTimes.From(t0, t0.AddSeconds(30), t0.AddSeconds(80), t0.AddSeconds(280))),
            (IncidentType.Medical, 1, UnitType.Ambulance, ResponseTimes.From(t0, t0.AddSeconds(60), t0.AddSeconds(100), t0.AddSeconds(400))),
            (IncidentType.Medical, 1, UnitType.Ambulance, ResponseTimes.From(t0, t0.AddSeconds(90), null, null)),
            (IncidentType.Fire, 2, UnitType.FireEngine, ResponseTimes.From(t0, t0.AddSeconds(20), t0.AddSeconds(90), t0.AddSeconds(300))),
        ];

        IReadOnlyList<ResponseTimeSummary> summary = ResponseTimeSummary.Build(responses, new ResponseTargets());

        Assert.Equal([(IncidentType.Medical, 1, 3), (IncidentType.Fire, 2, 1)], summary.Select(s => (s.Type, s.Priority, s.Incidents)));
        ResponseTimeSummary medical = summary[0];
        Assert.Equal((3, 60.0, 90.0), (medical.CallToDispatch.Count, medical.CallToDispatch.P50Seconds, medical.CallToDispatch.P90Seconds));
        Assert.Equal((2, 200.0, 300.0), (medical.Travel.Count, medical.Travel.P50Seconds, medical.Travel.P90Seconds));
        Assert.Equal(1.0, medical.TurnoutTargetMet);
        Assert.Equal(0.5, medical.TravelTargetMet);
        Assert.Equal(1.0, summary[1].TurnoutTargetMet);
    }

    private static Unit Ambulance(string id, double lat, double lon) =>
        new() { Id = id, Name = id, Type = UnitType.Ambulance, Station = "Station", Home = new GeoLocation(lat, lon) };
}
