namespace Vigil.Server.Components.Controls;

/// <summary>One point on the console map: a camera, an incident or a unit, with its label and page.</summary>
public sealed record MapMarker(string Kind, double Lat, double Lon, string Label, string? Href);
