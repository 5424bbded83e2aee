namespace Vigil.Vision.Pipeline;

/// <summary>What a camera session hands out through its one output channel: alert changes and state changes, in order.</summary>
public abstract record CameraOutput;
