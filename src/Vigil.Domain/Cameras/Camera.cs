using Vigil.Domain.Geometry;
using Vigil.Domain.Rules;

namespace Vigil.Domain.Cameras;

/// <summary>
/// A camera as configured: where it is, why it exists (purpose and legal basis are required: no
/// camera without a stated purpose), how long its media is kept, and what is analysed.
/// </summary>
public sealed record Camera
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Url { get; init; }

    /// <summary>For RTSP sources: TCP interleaved unless the camera says <c>transport: udp</c>.</summary>
    public StreamTransport Transport { get; init; } = StreamTransport.Tcp;

    public required string Purpose { get; init; }

    public required string LegalBasis { get; init; }

    public required TimeSpan Retention { get; init; }

    public GeoLocation? Location { get; init; }

    /// <summary>Detection ticks per second.</summary>
    public double DetectFps { get; init; } = 5;

    /// <summary>The detector's arithmetic (quantized (int8) unless the configuration says <c>fp32</c>).</summary>
    public DetectorPrecision DetectPrecision { get; init; } = DetectorPrecision.Quantized;

    public RedactionMode Redaction { get; init; } = RedactionMode.People;

    /// <summary>What is recorded (always the redacted picture) and for how long.</summary>
    public RecordingPolicy Recording { get; init; } = RecordingPolicy.Off;

    /// <summary>How long the camera's original stream is kept, encrypted (null: not at all, the default; at most 7 days, issue 22).</summary>
    public TimeSpan? OriginalsKeep { get; init; }

    public IReadOnlyList<Polygon> PrivacyMasks { get; init; } = [];

    public IReadOnlyList<Zone> Zones { get; init; } = [];

    public IReadOnlyList<TripLine> Lines { get; init; } = [];

    public IReadOnlyList<RuleDefinition> Rules { get; init; } = [];
}
