namespace Vigil.Configuration.Tests;

public sealed class DemoConfigTests
{
    private static readonly string[] s_labels = ["person", "car", "bus", "truck", "bicycle", "motorcycle"];

    [Fact]
    public void DemoConfig_InTheRepository_IsValidAndEveryCameraStatesItsPurpose()
    {
        string path = Path.Combine(RepoRoot(), "config", "demo.yaml");

        VigilConfig config = ConfigLoader.LoadFile(path, s_labels);

        Assert.Equal(["campus-path", "lobby", "park-trees"], config.Cameras.Select(c => c.Id));
        Assert.All(config.Cameras, c => Assert.False(string.IsNullOrWhiteSpace(c.Purpose)));
        Assert.All(config.Cameras, c => Assert.StartsWith("asset:sample-", c.Url, StringComparison.Ordinal));
        Assert.Contains(config.Cameras[0].Rules, r => r.Id == "lawn-entry");
    }

    private static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
