using System.Globalization;

namespace Vigil.Cli.Analyze;

/// <summary>A one-line progress bar on standard error, drawn only when it is a terminal.</summary>
internal sealed class ProgressLine(TextWriter error, long? total, bool enabled)
{
    private const int Width = 30;
    private TimeSpan _lastDrawn = TimeSpan.MinValue;

    public void Report(long done, TimeSpan elapsed)
    {
        if (!enabled || elapsed - _lastDrawn < TimeSpan.FromMilliseconds(200))
        {
            return;
        }

        _lastDrawn = elapsed;
        double fps = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        string bar = total is > 0 ? new string('#', (int)(Width * Math.Min(1.0, done / (double)total.Value))).PadRight(Width, '.') : string.Empty;
        string count = total is > 0 ? $"{done}/{total}" : done.ToString(CultureInfo.InvariantCulture);
        error.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{bar}] {count} frames  {fps:0.0} fps "));
    }

    public void Finish()
    {
        if (enabled)
        {
            error.WriteLine();
        }
    }
}
