using System.ComponentModel.DataAnnotations;

namespace Vigil.Vision.Detection;

/// <summary>Detector settings (section <c>Vigil:Detector</c>); validated at start-up.</summary>
public sealed class DetectorOptions
{
    public const string SectionName = "Vigil:Detector";

    /// <summary>Lowest class score (after sigmoid) that counts as a detection.</summary>
    [Range(0.01, 0.99)]
    public float ScoreThreshold { get; set; } = 0.3f;

    /// <summary>Boxes of one class overlapping more than this are merged by non-maximum suppression.</summary>
    [Range(0.05, 0.95)]
    public float NmsIouThreshold { get; set; } = 0.5f;

    /// <summary>
    /// A car, bus or truck box overlapping a better-scored box of another of those classes by more
    /// than this is the same vehicle seen ambiguously: only the better one is kept.
    /// </summary>
    [Range(0.05, 1.0)]
    public float VehicleMergeIouThreshold { get; set; } = 0.7f;

    /// <summary>Most detections kept per frame, highest scores first.</summary>
    [Range(1, 1000)]
    public int MaxDetections { get; set; } = 100;

    /// <summary>COCO classes reported; everything else the model sees is ignored.</summary>
    [MinLength(1)]
    public IList<string> Classes { get; set; } = ["person", "bicycle", "car", "motorcycle", "bus", "truck"];

    /// <summary>ONNX Runtime intra-op threads for one inference.</summary>
    [Range(1, 64)]
    public int Threads { get; set; } = 2;

    /// <summary>
    /// Let ONNX Runtime's worker threads spin between operators. Off by default: on a shared
    /// server the spinning burns the CPU that decoding, motion and the other cameras need.
    /// </summary>
    public bool SpinWait { get; set; }

    /// <summary>Checks what data annotations cannot: every class is a COCO class.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (string c in Classes.Where(c => CocoClasses.IndexOf(c) < 0))
        {
            yield return $"detector class '{c}' is not a COCO class; use names such as person, car, bus, truck";
        }

        var context = new ValidationContext(this);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, context, results, validateAllProperties: true);
        foreach (ValidationResult r in results)
        {
            yield return r.ErrorMessage ?? "invalid detector option";
        }
    }
}
