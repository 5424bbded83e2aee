namespace Vigil.Server.Sensors;

/// <summary>A reading as it arrived, before <see cref="Domain.Sensors.ReadingCheck"/>: each part null when missing or not of its type.</summary>
internal sealed record RawReading(double? Value, string? Unit, DateTimeOffset? At);
