namespace Vigil.Domain.Dispatch;

/// <summary>
/// The common registry texts incidents, statuses and units are exchanged with (NENA EIDO's
/// "…CommonRegistryText" fields): words another agency's system recognises, not Vigil's own names.
/// </summary>
public static class RegistryText
{
    /// <summary>The location type of the place an incident is at (NENA's location type registry).</summary>
    public const string IncidentLocation = "Incident";

    /// <summary>What this centre does for an incident it hands over: it received the call or alert and dispatches.</summary>
    public static IReadOnlyList<string> AgencyRoles { get; } = ["CallReceiving", "Dispatching"];

    /// <summary>The kind of agency a centre like this is (a public safety answering point).</summary>
    public static IReadOnlyList<string> AgencyTypes { get; } = ["psap"];

    /// <summary>
    /// The incident type another agency's registry text means (case and spacing aside), or null when
    /// Vigil's taxonomy has no such type. Vigil's own names are understood too.
    /// </summary>
    public static IncidentType? TypeFrom(string text)
    {
        string wanted = Normalise(text);
        foreach (IncidentType type in Enum.GetValues<IncidentType>())
        {
            if (Normalise(Of(type)) == wanted || Normalise(IncidentTypeNames.NameOf(type)) == wanted)
            {
                return type;
            }
        }

        return null;
    }

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

    private static string Normalise(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
