using Vigil.Domain.Dispatch;
using Vigil.Domain.Sensors;
using Vigil.Domain.Warnings;

namespace Vigil.Domain.Tests.Warnings;

public sealed class WarningDraftsTests
{
    private static SensorSituation Gauge(string? stage, double value) => new("Tomebamba at El Vado", SensorKind.RiverLevel, stage, value, "m");

    [Fact]
    public void AFloodAtAGauge_StartsFromItsStage_ObservedAroundTheStation()
    {
        WarningDraft moderate = WarningDrafts.For(IncidentType.Flood, "moderate stage at Tomebamba", "Tomebamba at El Vado", Gauge("moderate", 3.14));

        Assert.Equal(("Flood", "Immediate", "Severe", "Observed", "Evacuate"), (moderate.Event, moderate.Urgency, moderate.Severity, moderate.Certainty, moderate.Response));
        Assert.Equal("Flood warning: Tomebamba at El Vado at moderate stage", moderate.Headline);
        Assert.Contains("3.14 m", moderate.Description, StringComparison.Ordinal);
        Assert.Equal("Within 3 km of the gauge Tomebamba at El Vado", moderate.Area);
        Assert.Equal(3, moderate.RadiusKm);
    }

    [Fact]
    public void AHigherStage_WarnsMoreStrongly_OverAWiderArea()
    {
        WarningDraft[] drafts = [.. new[] { "action", "minor", "moderate", "major" }.Select(s => WarningDrafts.For(IncidentType.Flood, "", null, Gauge(s, 3)))];
        string[] severities = ["Minor", "Moderate", "Severe", "Extreme"];

        Assert.Equal(severities, drafts.Select(d => d.Severity));
        Assert.Equal(drafts.Select(d => d.RadiusKm).Order(), drafts.Select(d => d.RadiusKm));
        Assert.Equal("Evacuate", drafts[3].Response);
        Assert.Equal("Monitor", drafts[0].Response);
    }

    [Fact]
    public void AnythingElse_StartsFromTheIncident()
    {
        WarningDraft fire = WarningDrafts.For(IncidentType.HazardousMaterial, "Tanker leaking on the ring road", "Av. Simon Bolivar km 4", null);

        Assert.Equal(("Hazardous material", "Likely", "Tanker leaking on the ring road", "Av. Simon Bolivar km 4"), (fire.Event, fire.Certainty, fire.Description, fire.Area));
        Assert.Null(fire.Headline);
    }
}
