using Vigil.Domain.Rules;
using Vigil.Domain.Sensors;

namespace Vigil.Configuration.Tests;

public sealed class SensorConfigTests
{
    private const string Gauge = """
        sensors:
          - id: tomebamba
            name: Tomebamba at El Vado
            kind: river_level
            unit: m
            purpose: Flood warning for Cuenca
            location: { lat: -2.9, lon: -79.0 }
            interval: 5m
            stages: { action: 2.0, minor: 2.5, moderate: { at: 3.0, severity: critical }, major: 3.5 }
            hysteresis: 0.1
            rise: { by: 0.3, within: 15m }
            retention: 90d
        """;

    [Fact]
    public void Parse_AGauge_TakesItsStagesHysteresisRiseAndRetention()
    {
        Sensor gauge = Assert.Single(ConfigLoader.Parse(Gauge, "vigil.yaml", []).Sensors);

        Assert.Equal((SensorKind.RiverLevel, "m", TimeSpan.FromMinutes(5)), (gauge.Kind, gauge.Unit, gauge.Interval));
        Assert.Equal(
            [("action", 2.0, Severity.Info), ("minor", 2.5, Severity.Warning), ("moderate", 3.0, Severity.Critical), ("major", 3.5, Severity.Critical)],
            gauge.Stages.Select(s => (s.Name, s.Threshold, s.Severity)));
        Assert.Equal(0.1, gauge.Hysteresis);

        // Without min_duration a stage needs two readings an interval apart: one spike pages nobody.
        Assert.Equal(TimeSpan.FromMinutes(5), gauge.MinDuration);
        Assert.Equal(new RateOfRise(0.3, TimeSpan.FromMinutes(15), Severity.Warning), gauge.RateOfRise);
        Assert.Equal(TimeSpan.FromDays(90), gauge.Retention);
        Assert.Equal(-2.9, gauge.Location?.Latitude);
    }

    [Theory]
    [InlineData("unit: m\n", "unit: m3/s\n", "unit 'm3/s' is not a unit of river_level", 5, "m, cm, ft")]
    [InlineData("kind: river_level", "kind: river_height", "kind 'river_height' is not one of", 4, "river_level")]
    [InlineData("major: 3.5", "flood: 3.5", "'flood' is not a river stage", 9, "action, minor, moderate, major")]
    [InlineData("major: 3.5", "major: 2.9", "stage 'major' (2.9) is not above 'moderate' (3)", 9, "lowest first")]
    [InlineData("interval: 5m", "interval: 0", "interval must be more than zero", 8, "how often")]
    [InlineData("    purpose: Flood warning for Cuenca\n", "", "'purpose' is required", 2, "public")]
    [InlineData("rise: { by: 0.3, within: 15m }", "rise: { by: 0.3 }", "'within' is required", 11, "15m")]
    public void Parse_ABrokenSensor_NamesLineColumnProblemAndFix(string from, string to, string message, int line, string fix)
    {
        ConfigException ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Gauge.Replace(from, to, StringComparison.Ordinal), "vigil.yaml", []));

        ConfigProblem problem = Assert.Single(ex.Problems);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(line, problem.Line);
        Assert.True(problem.Column > 0);
        Assert.Contains(fix, problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AGenericSensor_TakesAnyUnitAndNamedThresholds()
    {
        const string yaml = """
            sensors:
              - { id: co2-hall, kind: generic, unit: ppm, purpose: Air quality in the hall, interval: 1m, stages: { high: 1500, very-high: { at: 3000, severity: critical } } }
            """;

        Sensor sensor = Assert.Single(ConfigLoader.Parse(yaml, "vigil.yaml", []).Sensors);

        Assert.Equal([("high", Severity.Warning), ("very-high", Severity.Critical)], sensor.Stages.Select(s => (s.Name, s.Severity)));
    }

    [Fact]
    public void Parse_ACameraRuleOfASensorKind_IsRefused()
    {
        const string yaml = """
            cameras:
              - id: gate
                url: asset:sample-vtest
                purpose: Test
                legal_basis: Test
                retention: 1h
                zones: [{ id: all, polygon: [[0,0],[1,0],[1,1]] }]
                rules: [{ id: flood, kind: sensor_stage, zone: all }]
            """;

        ConfigException ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "vigil.yaml", ["person"]));

        Assert.Contains(ex.Problems, p => p.Message.Contains("kind 'sensor_stage' is not one of", StringComparison.Ordinal) && p.Line == 8);
    }
}
