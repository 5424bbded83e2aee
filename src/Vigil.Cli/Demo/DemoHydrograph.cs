namespace Vigil.Cli.Demo;

/// <summary>
/// The demo river's level over time: a flood wave every half hour on a 1.3 m base flow, shaped like a
/// unit hydrograph (a fast rise to 3.3 m five minutes in, a slower recession). It passes the demo
/// gauge's action stage (2.0 m) about two minutes in, minor (2.5) before three and moderate (3.0) before
/// four, and is back below action by eleven, so a newcomer sees the alert open, rise and end.
/// </summary>
internal static class DemoHydrograph
{
    public static readonly TimeSpan Cycle = TimeSpan.FromMinutes(30);
    private const double Base = 1.3;
    private const double Rise = 2.0;
    private const double PeakMinutes = 5;
    private const double Shape = 3;

    /// <summary>The level (metres) <paramref name="since"/> the demo began; before it, the base flow.</summary>
    public static double LevelAt(TimeSpan since)
    {
        if (since < TimeSpan.Zero)
        {
            return Math.Round(Base + Ripple(since), 3);
        }

        double x = (since.Ticks % Cycle.Ticks) / (double)TimeSpan.TicksPerMinute / PeakMinutes;
        double wave = Math.Pow(x, Shape) * Math.Exp(Shape * (1 - x));
        return Math.Round(Base + (Rise * wave) + Ripple(since), 3);
    }

    /// <summary>A centimetre of surface ripple, so the line looks like a river and not a formula.</summary>
    private static double Ripple(TimeSpan at) => 0.01 * Math.Sin(at.TotalSeconds / 7.0);
}
