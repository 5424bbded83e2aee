namespace Vigil.Server.Sensors;

/// <summary>Why one reading of a batch was refused: its place in the batch, the metrics reason and the words for the sender.</summary>
public sealed record RefusedReading(int Index, string Reason, string Detail);
