namespace Vigil.Domain.Dispatch;

/// <summary>
/// The common registry texts incidents, statuses and units are exchanged with (NENA EIDO's
/// "…CommonRegistryText" fields): words another agency's system recognises, not Vigil's own names.
/// </summary>
public static class RegistryText
{
    public static string Of(IncidentType type) => type switch
    {
        IncidentType.Fire => "Fire",
        IncidentType.Medical => "Medical",
        IncidentType.TrafficCollision => "Traffic Collision",
        IncidentType.CrowdSafety => "Crowd Control",
        IncidentType.Flood => "Flood",
        IncidentType.HazardousMaterial => "Hazardous Materials",
        IncidentType.PublicDisorder => "Disturbance",
        IncidentType.Intrusion => "Trespass",
        _ => "Other",
    };

    public static string Of(IncidentStatus status) => status switch
    {
        IncidentStatus.New => "Received",
        IncidentStatus.Dispatched => "Dispatched",
        IncidentStatus.OnScene => "On Scene",
        IncidentStatus.Resolved => "Resolved",
        IncidentStatus.Closed => "Closed",
        _ => "Cancelled",
    };

    public static string Of(UnitType type) => type switch
    {
        UnitType.Ambulance => "Ambulance",
        UnitType.FireEngine => "Engine",
        UnitType.PolicePatrol => "Law Enforcement Patrol",
        _ => "Rescue",
    };

    public static string Of(UnitStatus status) => status switch
    {
        UnitStatus.Available => "Available",
        UnitStatus.Dispatched => "Dispatched",
        UnitStatus.EnRoute => "Enroute",
        UnitStatus.OnScene => "On Scene",
        UnitStatus.Transporting => "Transporting",
        _ => "Out Of Service",
    };
}
