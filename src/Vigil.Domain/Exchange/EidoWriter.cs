using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Vigil.Domain.Dispatch;

namespace Vigil.Domain.Exchange;

/// <summary>
/// Writes one incident as a NENA EIDO document that <see cref="EidoValidator"/> accepts: the
/// incident, its location (a PIDF-LO point), this agency, the units on it and the dispatch, and the
/// timeline as notes; registry texts for types and statuses, Vigil's own words beside them as the
/// "internal" texts, and every reference naming a component of the same document. What stays home
/// (ADR 011): the caller (no person, call or callback component) and the staff (no agent component;
/// notes and units are attributed to the agency).
/// </summary>
public static class EidoWriter
{
    public const string Context = "./JSON-LD_Contexts/EmergencyIncidentDataObjectType.jsonld";

    /// <summary>The document's <c>$id</c>: the incident's tracking identifier (NENA-STA-010 form), the same in every export of it.</summary>
    public static string DocumentId(string incidentId, EidoAgency agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return $"urn:emergency:uid:incidentid:{incidentId}:{agency.Id}";
    }

    public static JsonObject Write(Incident incident, IReadOnlyList<UnitState> units, EidoAgency agency, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(agency);
        string documentId = DocumentId(incident.Id, agency);
        string Id(string kind, string local) => $"urn:emergency:uid:{kind}:{local}:{agency.Id}";
        string incidentComponentId = Id("vigil-incident", incident.Id);
        string locationId = Id("vigil-location", incident.Id);
        string dispatchId = Id("vigil-dispatch", incident.Id);
        string ResourceId(UnitState unit) => Id("vigil-unit", $"{unit.Unit.Id}.{incident.Id}");
        string NoteId(int index) => Id("vigil-note", $"{incident.Id}.{index + 1}");
        DateTimeOffset updated = incident.LastChangedAt;

        JsonObject Prologue(string id, DateTimeOffset at) => new()
        {
            ["$id"] = id,
            ["lastUpdateTimeStamp"] = Time(at),
            ["updatedByAgencyReference"] = Ref(agency.Id),
        };

        JsonObject incidentComponent = Prologue(incidentComponentId, updated);
        incidentComponent["incidentTypeCommonRegistryText"] = RegistryText.Of(incident.Type);
        incidentComponent["incidentTypeInternalText"] = IncidentTypeNames.NameOf(incident.Type);
        incidentComponent["incidentStatusCommonRegistryText"] = Texts(RegistryText.Of(incident.Status));
        incidentComponent["incidentStatusInternalText"] = Texts(IncidentLifecycle.Name(incident.Status));
        incidentComponent["internalIncidentId"] = incident.Id;
        incidentComponent["incidentCommonPriorityNumber"] = incident.Priority;
        incidentComponent["incidentPriorityInternalText"] = $"P{incident.Priority}";
        incidentComponent["locationReference"] = Refs([locationId]);
        incidentComponent["notesReference"] = Refs(incident.Timeline.Select((_, i) => NoteId(i)));

        JsonObject location = Prologue(locationId, updated);
        location["locationTypeDescriptionRegistryText"] = RegistryText.IncidentLocation;
        if (incident.Position is { } position)
        {
            location["locationByValue"] = PidfLo.Point(documentId, position, updated);
        }

        if (!string.IsNullOrWhiteSpace(incident.Location))
        {
            location["locationDescriptionText"] = incident.Location;
        }

        JsonObject agencyComponent = Prologue(agency.Id, updated);
        agencyComponent["agencyRoleDescriptionRegistryText"] = Texts(RegistryText.AgencyRoles);
        agencyComponent["agencyType"] = Texts(RegistryText.AgencyTypes);
        agencyComponent["incidentOwningAgencyIndicator"] = true;
        agencyComponent["agencyJcard"] = JCard(agency.Name);

        var document = new JsonObject
        {
            ["$id"] = documentId,
            ["lastUpdateTimeStamp"] = Time(now),
            ["updatedByAgencyReference"] = Ref(agency.Id),
            ["eidoVersion"] = EidoSchema.Version,
            ["issuingElementIdentification"] = $"vigil.{agency.Id}",
            ["incidentComponent"] = incidentComponent,
            ["locationComponent"] = new JsonArray(location),
            ["agencyComponent"] = new JsonArray(agencyComponent),
        };

        if (incident.DispatchedAt is { } dispatched)
        {
            JsonObject dispatch = Prologue(dispatchId, dispatched);
            dispatch["agencyReference"] = Ref(agency.Id);
            dispatch["emergencyResourceReference"] = Refs(units.Select(ResourceId));
            document["dispatchComponent"] = new JsonArray(dispatch);
        }

        document["emergencyResourceComponent"] = new JsonArray(units.Select(unit =>
        {
            JsonObject resource = Prologue(ResourceId(unit), unit.UpdatedAt);
            resource["emergencyResourceTypeCommonRegistryText"] = RegistryText.Of(unit.Unit.Type);
            resource["emergencyResourceTypeInternalText"] = UnitTypeNames.NameOf(unit.Unit.Type);
            resource["emergencyResourceName"] = unit.Unit.Name;
            resource["primaryUnitStatusRegistryText"] = RegistryText.Of(unit.Status);
            resource["secondaryUnitStatusRegistryText"] = new JsonArray();
            resource["unitStatusInternal"] = Texts(UnitLifecycle.Name(unit.Status));
            resource["resourceAttributeRegistryText"] = new JsonArray();
            resource["agentReference"] = new JsonArray();
            resource["activeOnIncidentId"] = documentId;
            return (JsonNode)resource;
        }).ToArray());
        document["notesComponent"] = new JsonArray(incident.Timeline.Select((line, i) =>
        {
            JsonObject note = Prologue(NoteId(i), line.At);
            note["notesActionComments"] = WebUtility.HtmlEncode($"{line.Kind}: {line.Text}");
            return (JsonNode)note;
        }).ToArray());
        document["@context"] = new JsonObject { ["@vocab"] = Context };
        return document;
    }

    /// <summary>RFC 3339 with the offset written out (as CAP writes times), to the second.</summary>
    public static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static JsonObject Ref(string id) => new() { ["$ref"] = id };

    private static JsonArray Refs(IEnumerable<string> ids) => new(ids.Select(id => (JsonNode)Ref(id)).ToArray());

    private static JsonArray Texts(params IEnumerable<string> texts) => new(texts.Select(t => (JsonNode)JsonValue.Create(t)).ToArray());

    /// <summary>A jCard (RFC 7095) naming an organisation, as the string <c>agencyJcard</c> holds.</summary>
    private static string JCard(string name) =>
        new JsonArray("vcard", new JsonArray(
            new JsonArray("version", new JsonObject(), "text", "4.0"),
            new JsonArray("kind", new JsonObject(), "text", "org"),
            new JsonArray("fn", new JsonObject(), "text", name))).ToJsonString();
}
