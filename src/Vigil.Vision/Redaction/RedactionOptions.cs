using System.ComponentModel.DataAnnotations;

namespace Vigil.Vision.Redaction;

/// <summary>Redaction settings (section <c>Vigil:Redaction</c>). No setting turns redaction off.</summary>
public sealed class RedactionOptions
{
    public const string SectionName = "Vigil:Redaction";

    /// <summary>Side of the pixelation cells, as a fraction of the frame height.</summary>
    [Range(0.005, 0.2)]
    public double PixelCellFraction { get; set; } = 0.03;

    /// <summary>Person boxes grow by this fraction of their size on each side before pixelation.</summary>
    [Range(0, 1)]
    public double BoxPadding { get; set; } = 0.15;

    /// <summary>Face boxes grow by this fraction of their size on each side before blurring.</summary>
    [Range(0, 2)]
    public double FacePadding { get; set; } = 0.4;

    /// <summary>A person box stays redacted this long after its track was last seen, so a missed detection unmasks no one.</summary>
    [Range(0, 60)]
    public double HoldSeconds { get; set; } = 2;

    /// <summary>Detections older than this make the whole frame pixelated (fail closed).</summary>
    [Range(0.05, 60)]
    public double MaxDetectionAgeSeconds { get; set; } = 1;

    /// <summary>Lowest face score that is blurred (low: a false blur costs nothing, a missed face leaks).</summary>
    [Range(0.05, 0.99)]
    public float FaceThreshold { get; set; } = 0.4f;
}
