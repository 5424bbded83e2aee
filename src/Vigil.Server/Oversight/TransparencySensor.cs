namespace Vigil.Server.Oversight;

/// <summary>A sensor in the public registry: what it measures, why, where, and how long its readings are kept.</summary>
public sealed record TransparencySensor(string Id, string Name, string Kind, string Purpose, double? Latitude, double? Longitude, double RetentionDays);
