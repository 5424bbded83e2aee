using Vigil.Vision.Recording;

namespace Vigil.Vision.Pipeline;

/// <summary>A recording segment is finished and under its real name: to be indexed.</summary>
public sealed record SegmentOutput(RecordedSegment Segment) : CameraOutput;
