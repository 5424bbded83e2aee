namespace Vigil.Server.Api.Contracts;

/// <summary>A sensor, its stages, and where its readings stand: the stage in force (null below every stage), whether it fell silent, its last reading.</summary>
public sealed record SensorDto(
    string Id,
    string Name,
    string Kind,
    string Unit,
    string Purpose,
    double? Latitude,
    double? Longitude,
    double IntervalSeconds,
    IReadOnlyList<SensorStageDto> Stages,
    string? Stage,
    bool Silent,
    DateTimeOffset? LastAt,
    double? LastValue);
