namespace Vigil.Server.Components.Controls;

/// <summary>One point on the console map: a camera, an incident, a unit or a sensor, with its label, its page and, for a sensor, the colour of its stage.</summary>
public sealed record MapMarker(string Kind, double Lat, double Lon, string Label, string? Href, string? Colour = null);
