namespace Vigil.Vision.Pipeline;

/// <summary>The camera's state changed (starting, live, stalled, reconnecting, failed, stopped) and why.</summary>
public sealed record StatusOutput(CameraStatus Status) : CameraOutput;
