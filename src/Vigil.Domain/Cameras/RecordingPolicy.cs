namespace Vigil.Domain.Cameras;

/// <summary>A camera's <c>record:</c> settings: what is recorded and how long segments are kept.</summary>
public sealed record RecordingPolicy
{
    public static RecordingPolicy Off { get; } = new() { Mode = RecordingMode.Off };

    /// <summary>The longest retention a configuration may ask for (ten years).</summary>
    public const double MaxRetainDays = 3650;

    public RecordingMode Mode { get; init; }

    /// <summary>How long a segment is kept after it ends.</summary>
    public TimeSpan Retain { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The length of one recorded file.</summary>
    public TimeSpan SegmentLength { get; init; } = TimeSpan.FromSeconds(10);
}
