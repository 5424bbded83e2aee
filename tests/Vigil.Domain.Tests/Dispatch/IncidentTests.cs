using Vigil.Domain.Cameras;
using Vigil.Domain.Dispatch;

namespace Vigil.Domain.Tests.Dispatch;

/// <summary>The incident's own rules: what each step changes, what it refuses, and the timeline it leaves.</summary>
public sealed class IncidentTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Unit s_ambulance = new() { Id = "amb-1", Name = "Ambulance 1", Type = UnitType.Ambulance, Station = "Central", Home = new GeoLocation(-0.2, -78.5) };
    private static readonly Unit s_engine = new() { Id = "fire-1", Name = "Engine 1", Type = UnitType.FireEngine, Station = "Fire 1", Home = new GeoLocation(-0.21, -78.51) };

    private static Incident Opened() =>
        Incident.Open("0193a1b2c3d47e5f8a9b0c1d2e3f4a5b", IncidentType.Medical, 1, new GeoLocation(-0.2067, -78.4987), "Parque El Ejido", "Man collapsed", hasCallerCallback: false, alertIds: [], "maria", s_t0);

    [Fact]
    public void Opening_StartsNew_WithItsCreatedLine()
    {
        Incident incident = Opened();

        Assert.Equal(IncidentStatus.New, incident.Status);
        IncidentEvent line = Assert.Single(incident.Timeline);
        Assert.Equal(new IncidentEvent(s_t0, "maria", "created", "medical, P1: Man collapsed"), line);
    }

    [Fact]
    public void TheFirstUnit_DispatchesIt_AndDecidesTheTurnoutTarget_LaterUnitsDoNot()
    {
        Incident first = Opened().Take(s_ambulance, "maria", s_t0.AddSeconds(40)).Next!;
        Incident second = first.Take(s_engine, "maria", s_t0.AddSeconds(90)).Next!;

        Assert.Equal(IncidentStatus.Dispatched, second.Status);
        Assert.Equal(s_t0.AddSeconds(40), second.DispatchedAt);
        Assert.Equal(UnitType.Ambulance, second.FirstUnitType);
        Assert.Equal(["amb-1", "fire-1"], second.UnitIds);
        Assert.Equal(TimeSpan.FromSeconds(40), second.Times.CallToDispatch);
        Assert.Equal(["created", "dispatched", "dispatched"], second.Timeline.Select(e => e.Kind));
    }

    [Fact]
    public void UnitsReporting_SetTheFirstEnRouteAndOnSceneTimes_AndStandingDownTakesThemOff()
    {
        Incident incident = Opened().Take(s_ambulance, "maria", s_t0.AddSeconds(40)).Next!
            .UnitReported(s_ambulance, UnitStatus.EnRoute, "crew", s_t0.AddSeconds(100))
            .UnitReported(s_ambulance, UnitStatus.OnScene, "crew", s_t0.AddSeconds(400))
            .UnitReported(s_ambulance, UnitStatus.OnScene, "crew", s_t0.AddSeconds(500));

        Assert.Equal(IncidentStatus.OnScene, incident.Status);
        Assert.Equal(s_t0.AddSeconds(100), incident.EnRouteAt);
        Assert.Equal(s_t0.AddSeconds(400), incident.OnSceneAt);
        Assert.Equal(["travel 300 s > 240 s"], incident.MissedTargets(new ResponseTargets()));

        Incident stoodDown = incident.UnitReported(s_ambulance, UnitStatus.Available, "crew", s_t0.AddSeconds(900));
        Assert.Empty(stoodDown.UnitIds);
        Assert.Equal("Ambulance 1 (amb-1) available", stoodDown.Timeline[^1].Text);
    }

    [Fact]
    public void ClosingWithUnitsAssigned_OrDispatchingByHand_IsRefusedNamingTheRule()
    {
        Incident dispatched = Opened().Take(s_ambulance, "maria", s_t0.AddSeconds(40)).Next!;

        Assert.Contains("still assigned", dispatched.Become(IncidentStatus.Cancelled, "maria", s_t0).Refusal, StringComparison.Ordinal);
        Assert.Contains("by its units", Opened().Become(IncidentStatus.Dispatched, "maria", s_t0).Refusal, StringComparison.Ordinal);
        Assert.Null(Opened().Become(IncidentStatus.Cancelled, "maria", s_t0).Refusal);
    }

    [Fact]
    public void AClosedIncident_TakesNoUnits()
    {
        Incident cancelled = Opened().Become(IncidentStatus.Cancelled, "maria", s_t0.AddMinutes(1)).Next!;

        Decision<Incident> refused = cancelled.Take(s_ambulance, "maria", s_t0.AddMinutes(2));

        Assert.Null(refused.Next);
        Assert.Equal("units cannot be dispatched to an incident that is cancelled", refused.Refusal);
        Assert.Equal(s_t0.AddMinutes(1), cancelled.ClosedAt);
    }

    [Fact]
    public void AUnit_StandsDownWhereItIs_ButAnIdleUnitBecomingAvailableIsBackAtItsStation()
    {
        var onScene = new UnitState(s_ambulance, UnitStatus.OnScene, "x", new GeoLocation(-0.25, -78.45), s_t0, 4);
        var outOfService = new UnitState(s_ambulance, UnitStatus.OutOfService, null, new GeoLocation(-0.25, -78.45), s_t0, 4);

        UnitState freed = onScene.Report(UnitStatus.Available, null, s_t0.AddMinutes(1)).Next!;
        UnitState back = outOfService.Report(UnitStatus.Available, null, s_t0.AddMinutes(1)).Next!;

        Assert.Null(freed.IncidentId);
        Assert.Equal(new GeoLocation(-0.25, -78.45), freed.Position);
        Assert.Equal(s_ambulance.Home, back.Position);
        Assert.Contains("amb-1: a unit that is on_scene cannot become dispatched", onScene.DispatchTo("y", s_t0).Refusal, StringComparison.Ordinal);
    }
}
