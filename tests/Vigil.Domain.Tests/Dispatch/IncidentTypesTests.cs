using Vigil.Domain.Dispatch;
using Vigil.Domain.Rules;
using Vigil.Domain.Sensors;

namespace Vigil.Domain.Tests.Dispatch;

public sealed class IncidentTypesTests
{
    [Theory]
    [InlineData(RuleKind.SensorStage, SensorKind.RiverLevel, IncidentType.Flood)]
    [InlineData(RuleKind.SensorRise, SensorKind.RiverFlow, IncidentType.Flood)]
    [InlineData(RuleKind.SensorStage, SensorKind.RainRate, IncidentType.Flood)]
    [InlineData(RuleKind.SensorStage, SensorKind.Smoke, IncidentType.Fire)]
    [InlineData(RuleKind.SensorSilent, SensorKind.RiverLevel, IncidentType.Other)]
    [InlineData(RuleKind.SensorStage, SensorKind.SeismicPga, IncidentType.Other)]
    public void ASensorsAlert_SuggestsTheIncidentItsKindMeans(RuleKind rule, SensorKind sensor, IncidentType expected) =>
        Assert.Equal(expected, IncidentTypes.SuggestedFor(rule, sensor));

    [Theory]
    [InlineData(RuleKind.Density, IncidentType.CrowdSafety)]
    [InlineData(RuleKind.ZoneEntry, IncidentType.Intrusion)]
    [InlineData(RuleKind.WrongWay, IncidentType.TrafficCollision)]
    public void ACamerasAlert_SuggestsByItsRule(RuleKind rule, IncidentType expected) =>
        Assert.Equal(expected, IncidentTypes.SuggestedFor(rule));
}
