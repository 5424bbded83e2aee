using System.ComponentModel.DataAnnotations;

namespace Vigil.Vision.Motion;

/// <summary>Motion gate settings (section <c>Vigil:Motion</c>).</summary>
public sealed class MotionOptions
{
    public const string SectionName = "Vigil:Motion";

    /// <summary>Height in pixels of the luma image motion is measured on; cost grows with its square.</summary>
    [Range(32, 480)]
    public int AnalysisHeight { get; set; } = 100;

    /// <summary>Squared distance, in per-pixel standard deviations, beyond which a pixel differs from its background model.</summary>
    [Range(1, 400)]
    public double VarianceThreshold { get; set; } = 16;

    /// <summary>Frames the per-pixel background model remembers.</summary>
    [Range(10, 10000)]
    public int HistoryFrames { get; set; } = 300;

    /// <summary>Weight of each new frame in the background model (how fast still things become background).</summary>
    [Range(0.001, 1.0)]
    public double BackgroundLearningRate { get; set; } = 0.03;

    /// <summary>Smallest changed region, as a fraction of the analysed image, that counts as motion (noise floor).</summary>
    [Range(0.0, 0.5)]
    public double MinRegionFraction { get; set; } = 0.0008;

    /// <summary>Changed fraction of the whole image above which the scene changed (camera moved, lights): recalibrate.</summary>
    [Range(0.1, 1.0)]
    public double GlobalChangeFraction { get; set; } = 0.6;
}
