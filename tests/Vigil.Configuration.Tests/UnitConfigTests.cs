using Vigil.Domain.Dispatch;

namespace Vigil.Configuration.Tests;

public sealed class UnitConfigTests
{
    private static readonly string[] s_labels = ["person"];

    private const string Units = """
        units:
          - { id: amb-1, name: Ambulance 1, type: ambulance, station: Central Hospital, location: { lat: -0.2067, lon: -78.4987 } }
          - id: fire-1
            type: fire_engine
            station: Fire Station 1
            location: { lat: -0.219, lon: -78.512 }
        """;

    [Fact]
    public void Parse_Units_ReadsTypeStationAndPosition()
    {
        VigilConfig config = ConfigLoader.Parse(Units, "vigil.yaml", s_labels);

        Assert.Equal(["amb-1", "fire-1"], config.Units.Select(u => u.Id));
        Assert.Equal((UnitType.Ambulance, "Central Hospital", -0.2067), (config.Units[0].Type, config.Units[0].Station, config.Units[0].Home.Latitude));
        Assert.Equal(("fire-1", UnitType.FireEngine), (config.Units[1].Name, config.Units[1].Type));
    }

    [Theory]
    [InlineData("type: fire_engine", "type: firetruck", "type 'firetruck' is not one of", 4)]
    [InlineData("    station: Fire Station 1\n", "", "'station' is required", 3)]
    [InlineData("\n    location: { lat: -0.219, lon: -78.512 }", "", "'location' is required", 3)]
    [InlineData("id: fire-1", "id: amb-1", "duplicate unit id 'amb-1'", 3)]
    public void Parse_BrokenUnit_NamesTheLineAndTheProblem(string from, string to, string message, int line)
    {
        ConfigException ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Units.Replace(from, to, StringComparison.Ordinal), "vigil.yaml", s_labels));

        ConfigProblem problem = Assert.Single(ex.Problems, p => p.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(line, problem.Line);
    }

    [Fact]
    public void DemoConfig_HasUnitsOfEveryType_AroundTheCity()
    {
        VigilConfig config = ConfigLoader.LoadFile(Path.Combine(RepoPaths.Root, "config", "demo.yaml"), s_labels.Concat(["car", "bus", "truck"]).ToArray());

        Assert.Equal(Enum.GetValues<UnitType>().Order(), config.Units.Select(u => u.Type).Distinct().Order());
        Assert.All(config.Units, u => Assert.InRange(TravelTimeEstimator.DistanceKm(u.Home, config.Cameras[0].Location!.Value), 0, 10));
    }
}
