namespace Vigil.Domain.Dispatch;

/// <summary>The incident taxonomy (small on purpose; mapped to common registry texts when exchanged).</summary>
public enum IncidentType
{
    Fire,
    Medical,
    TrafficCollision,
    CrowdSafety,
    Flood,
    HazardousMaterial,
    PublicDisorder,
    Intrusion,
    Other,
}
