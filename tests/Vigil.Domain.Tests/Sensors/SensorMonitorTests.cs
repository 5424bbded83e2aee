using Vigil.Domain.Rules;
using Vigil.Domain.Sensors;

namespace Vigil.Domain.Tests.Sensors;

/// <summary>A river gauge every minute with the four flood stages, 10 cm of hysteresis and 3 minutes of minimum duration.</summary>
public sealed class SensorMonitorTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    private static readonly Sensor s_gauge = new()
    {
        Id = "tomebamba",
        Name = "Tomebamba at El Vado",
        Kind = SensorKind.RiverLevel,
        Unit = "m",
        Purpose = "Flood warning for Cuenca",
        Interval = TimeSpan.FromMinutes(1),
        Stages =
        [
            new("action", 2.0, Severity.Info),
            new("minor", 2.5, Severity.Warning),
            new("moderate", 3.0, Severity.Warning),
            new("major", 3.5, Severity.Critical),
        ],
        Hysteresis = 0.1,
        MinDuration = TimeSpan.FromMinutes(3),
        RateOfRise = new RateOfRise(0.3, TimeSpan.FromMinutes(15), Severity.Warning),
    };

    [Fact]
    public void ASingleSpike_PagesNobody_ASustainedRise_RaisesTheStageAfterTheMinimumDuration()
    {
        var monitor = new SensorMonitor(s_gauge with { RateOfRise = null }, s_t0);

        List<SensorEvent> spike = Feed(monitor, 0, 1.5, 1.5, 2.7, 1.5, 1.5);
        List<SensorEvent> sustained = Feed(monitor, 6, 2.1, 2.2, 2.2, 2.3);

        Assert.Empty(spike);
        SensorEvent raised = Assert.Single(sustained);
        Assert.Equal((SensorEventKind.StageRaised, "action", s_t0.AddMinutes(9)), (raised.Kind, raised.Stage?.Name, raised.At));
    }

    [Fact]
    public void ARiseThroughSeveralStages_LandsOnTheHighestHeld_AndHoveringAtAThreshold_DoesNotFlap()
    {
        var monitor = new SensorMonitor(s_gauge with { RateOfRise = null }, s_t0);

        List<SensorEvent> rising = Feed(monitor, 0, 2.1, 2.6, 3.1, 3.1, 3.1);
        List<SensorEvent> hovering = Feed(monitor, 5, 2.95, 3.02, 2.93, 3.01, 2.95);
        List<SensorEvent> falling = Feed(monitor, 10, 2.8, 2.7, 2.7, 2.6, 2.0, 1.9, 1.9, 1.8);

        // Readings left "none" at 0 min; by 3 min they were at moderate: one event, for the stage held.
        SensorEvent raised = Assert.Single(rising);
        Assert.Equal(("moderate", Severity.Warning), (raised.Stage?.Name, raised.Severity));
        Assert.Empty(hovering);
        Assert.Equal(
            [(SensorEventKind.StageLowered, "minor"), (SensorEventKind.StageLowered, null)],
            falling.Select(e => (e.Kind, e.Stage?.Name)));
    }

    [Fact]
    public void ARateOfRise_IsReportedOnce_AndRearmsWhenTheRiseHasHalved()
    {
        var monitor = new SensorMonitor(s_gauge with { Stages = [] }, s_t0);

        List<SensorEvent> fast = Feed(monitor, 0, 1.0, 1.1, 1.2, 1.35, 1.4, 1.45);
        List<SensorEvent> later = Feed(monitor, 30, 1.45, 1.45, 1.5);
        List<SensorEvent> again = Feed(monitor, 33, 1.9);

        Assert.Equal([s_t0.AddMinutes(3)], fast.Where(e => e.Kind == SensorEventKind.RisingFast).Select(e => e.At));
        Assert.Empty(later);
        Assert.Equal(SensorEventKind.RisingFast, Assert.Single(again).Kind);
    }

    [Fact]
    public void ThreeMissedIntervals_MakeTheSensorSilent_AndItsNextReadingResumesIt()
    {
        var monitor = new SensorMonitor(s_gauge, s_t0);
        var events = new List<SensorEvent>();

        monitor.Check(s_t0.AddMinutes(2), events);
        Assert.Empty(events);
        monitor.Check(s_t0.AddMinutes(3), events);
        monitor.Check(s_t0.AddMinutes(4), events);
        List<SensorEvent> back = Feed(monitor, 5, 1.2);

        Assert.Equal(SensorEventKind.Silent, Assert.Single(events).Kind);
        Assert.False(monitor.IsSilent);
        Assert.Equal(SensorEventKind.Resumed, Assert.Single(back).Kind);
    }

    [Fact]
    public void ABacklogArrivingNow_KeepsTheSensorHeard_ThoughItsReadingsAreOld()
    {
        // A gauge back from a network outage sends the hour it buffered: it is reporting, not silent.
        var monitor = new SensorMonitor(s_gauge, s_t0);
        var events = new List<SensorEvent>();
        DateTimeOffset now = s_t0.AddHours(1);

        for (int minute = 0; minute < 60; minute++)
        {
            monitor.Observe(new SensorReading(s_t0.AddMinutes(minute), 1.2), now, events);
        }

        monitor.Check(now.AddMinutes(2), events);
        Assert.Empty(events);
        Assert.False(monitor.IsSilent);
        monitor.Check(now.AddMinutes(3), events);
        Assert.Equal(SensorEventKind.Silent, Assert.Single(events).Kind);
    }

    [Fact]
    public void OutOfRangeAndStaleReadings_AreFlaggedOrIgnored_AndChangeNothing()
    {
        var monitor = new SensorMonitor(s_gauge with { MinDuration = TimeSpan.Zero }, s_t0);
        var events = new List<SensorEvent>();

        Assert.True(monitor.Observe(new SensorReading(s_t0.AddMinutes(1), 1.0), events));
        Assert.False(monitor.Observe(new SensorReading(s_t0.AddMinutes(2), 9_999), events));
        Assert.False(monitor.Observe(new SensorReading(s_t0.AddMinutes(3), double.NaN), events));
        Assert.False(monitor.Observe(new SensorReading(s_t0, 3.6), events));

        Assert.Equal([SensorEventKind.OutOfRange, SensorEventKind.OutOfRange], events.Select(e => e.Kind));
        Assert.Null(monitor.Stage);
        Assert.Equal(1.0, monitor.Last?.Value);
    }

    [Theory]
    [InlineData(SensorKind.RiverLevel, "cm", 250, true)]
    [InlineData(SensorKind.RiverLevel, "m", 250, false)]
    [InlineData(SensorKind.Temperature, "K", 293.15, true)]
    [InlineData(SensorKind.Temperature, "degC", -120, false)]
    [InlineData(SensorKind.RiverFlow, "m3/s", -1, false)]
    [InlineData(SensorKind.Generic, "anything", -1e9, true)]
    public void ThePhysicalRange_IsOfTheKind_InTheSensorsUnit(SensorKind kind, string unit, double value, bool inRange) =>
        Assert.Equal(inRange, SensorKinds.InRange(kind, unit, value));

    /// <summary>Readings one minute apart from <paramref name="minute"/> on; the events they came to.</summary>
    private static List<SensorEvent> Feed(SensorMonitor monitor, int minute, params double[] values)
    {
        var events = new List<SensorEvent>();
        for (int i = 0; i < values.Length; i++)
        {
            monitor.Observe(new SensorReading(s_t0.AddMinutes(minute + i), values[i]), events);
        }

        return events;
    }
}
