namespace Vigil.Server.Oversight;

/// <summary>A signed audit checkpoint, as published (anyone can keep it and check the log against it later).</summary>
public sealed record TransparencyCheckpoint(long Sequence, string Hash, DateTimeOffset At, string KeyId, string Signature);
