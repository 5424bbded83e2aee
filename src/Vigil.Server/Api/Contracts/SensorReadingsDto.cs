namespace Vigil.Server.Api.Contracts;

/// <summary>A sensor's readings over a range; <c>Downsampled</c> when the range held more than asked for, each point then a bucket's mean with its minimum and maximum.</summary>
public sealed record SensorReadingsDto(string SensorId, string Unit, DateTimeOffset From, DateTimeOffset To, bool Downsampled, IReadOnlyList<SensorPointDto> Points);
