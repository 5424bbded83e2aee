namespace Vigil.Domain.Warnings;

/// <summary>Where a warning applies: a description and a circle around a point (radius in kilometres).</summary>
public sealed record CapArea(string Description, double Latitude, double Longitude, double RadiusKm);
