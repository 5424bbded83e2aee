namespace Vigil.Domain.Dispatch;

/// <summary>
/// Where an incident came from when another agency handed it over (NENA EIDO): the agency, the
/// document's incident id (its <c>$id</c>, the same on every update) and when the agency last changed it.
/// </summary>
public sealed record IncidentSource(string AgencyId, string AgencyName, string IncidentId, DateTimeOffset UpdatedAt);
