using Vigil.Domain.Naming;

namespace Vigil.Domain.Dispatch;

/// <summary>Incident type names as the API and exchanges use them.</summary>
public static class IncidentTypeNames
{
    private static readonly NameTable<IncidentType> s_names = new(
        ("fire", IncidentType.Fire),
        ("medical", IncidentType.Medical),
        ("traffic_collision", IncidentType.TrafficCollision),
        ("crowd_safety", IncidentType.CrowdSafety),
        ("flood", IncidentType.Flood),
        ("hazardous_material", IncidentType.HazardousMaterial),
        ("public_disorder", IncidentType.PublicDisorder),
        ("intrusion", IncidentType.Intrusion),
        ("other", IncidentType.Other));

    public static IReadOnlyDictionary<string, IncidentType> ByName => s_names.ByName;

    public static string NameOf(IncidentType type) => s_names.NameOf(type);
}
