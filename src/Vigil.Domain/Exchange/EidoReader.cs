using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Domain.Cameras;
using Vigil.Domain.Dispatch;

namespace Vigil.Domain.Exchange;

/// <summary>
/// Reads a document <see cref="EidoValidator"/> accepted into an <see cref="EidoHandover"/>. The
/// sending agency is the one the document's <c>updatedByAgencyReference</c> names; the location is
/// the one the incident component references (else the first given by value); priorities outside
/// Vigil's 1–4 become 2; a type Vigil's taxonomy lacks becomes <c>other</c> with the sender's text kept.
/// </summary>
public static partial class EidoReader
{
    private static readonly string[] s_personal = ["personComponent", "callComponent", "callbackComponent", "agentComponent"];

    public static EidoHandover Read(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Dictionary<string, JsonObject> components = document
            .Where(p => p.Value is JsonArray)
            .SelectMany(p => p.Value!.AsArray().OfType<JsonObject>())
            .Append(document["incidentComponent"] as JsonObject)
            .OfType<JsonObject>()
            .Where(c => c["$id"] is not null)
            .GroupBy(c => Text(c, "$id")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        string agencyId = Target(document["updatedByAgencyReference"])!;
        JsonObject? agency = components.GetValueOrDefault(agencyId);
        JsonObject? incident = document["incidentComponent"] as JsonObject;
        string? typeText = incident is null ? null : Text(incident, "incidentTypeCommonRegistryText");

        JsonObject? location = (incident?["locationReference"] as JsonArray)?.Select(Target).Select(id => id is null ? null : components.GetValueOrDefault(id)).FirstOrDefault(l => l is not null)
            ?? (document["locationComponent"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(l => l["locationByValue"] is not null)
            ?? (document["locationComponent"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        (GeoLocation? position, string? address) = location is not null && Text(location, "locationByValue") is { } pidf && PidfLo.Read(pidf) is { } read ? read : (null, null);
        string place = location is null ? "" : Text(location, "locationDescriptionText") ?? address ?? "";

        return new EidoHandover
        {
            DocumentId = Text(document, "$id")!,
            AgencyId = agencyId,
            AgencyName = (agency is null ? null : JCardName(Text(agency, "agencyJcard"))) ?? agencyId,
            UpdatedAt = DateTimeOffset.Parse(Text(document, "lastUpdateTimeStamp")!, CultureInfo.InvariantCulture),
            Type = typeText is null ? IncidentType.Other : RegistryText.TypeFrom(typeText) ?? IncidentType.Other,
            TypeText = typeText,
            Priority = incident?["incidentCommonPriorityNumber"] is JsonValue p && p.GetValueKind() == JsonValueKind.Number && p.GetValue<int>() is >= 1 and <= 4 and var priority ? priority : 2,
            Statuses = (incident?["incidentStatusCommonRegistryText"] as JsonArray)?.Select(s => s!.GetValue<string>()).ToArray() ?? [],
            Position = position,
            Location = place,
            Notes = (document["notesComponent"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(n => new EidoNote(Text(n, "$id")!, DateTimeOffset.Parse(Text(n, "lastUpdateTimeStamp")!, CultureInfo.InvariantCulture), Plain(Text(n, "notesActionComments")!)))
                .Where(n => n.Text.Length > 0)
                .OrderBy(n => n.At)
                .ToArray(),
            Units = (document["emergencyResourceComponent"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(u => $"{Text(u, "emergencyResourceName") ?? Text(u, "$id")} ({Text(u, "emergencyResourceTypeCommonRegistryText")}, {Text(u, "primaryUnitStatusRegistryText")})")
                .ToArray(),
            Withheld = s_personal.Sum(name => (document[name] as JsonArray)?.Count ?? 0),
        };
    }

    /// <summary>HTML5 note text as plain text: tags dropped, entities decoded, runs of white space made one.</summary>
    public static string Plain(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string? Target(JsonNode? reference) => reference is JsonObject r ? Text(r, "$ref") : null;

    /// <summary>The formatted name (<c>fn</c>) of a jCard, or null when the text is not one.</summary>
    private static string? JCardName(string? jcard)
    {
        if (jcard is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(jcard) is JsonArray { Count: 2 } card && card[1] is JsonArray properties
                ? properties.OfType<JsonArray>().FirstOrDefault(p => p.Count >= 4 && p[0] is JsonValue n && n.ToString() == "fn")?[3]?.ToString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
