using Vigil.Cli.Demo;

namespace Vigil.Cli.Tests.Demo;

/// <summary>The demo river does what the README promises a newcomer: action, minor and moderate within the first minutes, then back down, every half hour.</summary>
public sealed class DemoHydrographTests
{
    [Fact]
    public void TheFloodWave_PassesActionMinorAndModerateEarly_ThenFallsBelowAction()
    {
        double[] levels = [.. Enumerable.Range(0, 180).Select(i => DemoHydrograph.LevelAt(TimeSpan.FromSeconds(10 * i)))];
        double Minutes(int index) => index / 6.0;

        Assert.InRange(Minutes(Array.FindIndex(levels, l => l >= 2.0)), 1, 3);
        Assert.InRange(Minutes(Array.FindIndex(levels, l => l >= 2.5)), 2, 4);
        Assert.InRange(Minutes(Array.FindIndex(levels, l => l >= 3.0)), 3, 5);
        Assert.True(levels.Max() < 3.5, "the demo wave stays below the major stage");
        int peak = Array.IndexOf(levels, levels.Max());
        Assert.InRange(Minutes(Array.FindIndex(levels, peak, l => l < 1.9)), 9, 13);
        Assert.True(levels[^1] < 1.5, "back near base flow by half an hour");
    }

    [Fact]
    public void TheWave_ComesBackEveryHalfHour_AndBeforeTheStartIsBaseFlow()
    {
        TimeSpan peak = TimeSpan.FromMinutes(5);

        Assert.Equal(DemoHydrograph.LevelAt(peak), DemoHydrograph.LevelAt(peak + DemoHydrograph.Cycle), 2);
        Assert.InRange(DemoHydrograph.LevelAt(TimeSpan.FromMinutes(-20)), 1.28, 1.32);
    }
}
