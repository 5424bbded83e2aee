namespace Vigil.Configuration.Tests;

public sealed class DemoConfigTests
{
    private static readonly string[] s_labels = ["person", "car", "bus", "truck", "bicycle", "motorcycle"];

    [Fact]
    public void DemoConfig_InTheRepository_IsValidAndEveryCameraStatesItsPurpose()
    {
        string path = Path.Combine(RepoPaths.Root, "config", "demo.yaml");

        VigilConfig config = ConfigLoader.LoadFile(path, s_labels);

        Assert.Equal(["campus-path", "lobby", "park-trees"], config.Cameras.Select(c => c.Id));
        Assert.All(config.Cameras, c => Assert.False(string.IsNullOrWhiteSpace(c.Purpose)));
        Assert.All(config.Cameras, c => Assert.StartsWith("asset:sample-", c.Url, StringComparison.Ordinal));
        Assert.Contains(config.Cameras[0].Rules, r => r.Id == "lawn-entry");
    }
}
