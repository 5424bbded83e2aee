namespace Vigil.Domain.Cameras;

/// <summary>A WGS84 position in decimal degrees.</summary>
public readonly record struct GeoLocation(double Latitude, double Longitude);
