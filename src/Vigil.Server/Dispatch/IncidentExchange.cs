using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Domain.Audit;
using Vigil.Domain.Dispatch;
using Vigil.Domain.Warnings;
using Vigil.Server.Api;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Hosting;

namespace Vigil.Server.Dispatch;

/// <summary>
/// Hands one incident to a neighbouring agency as a NENA EIDO JSON document: the incident, its
/// location, the units on it and its narrative, in registry words. One incident per request (no bulk
/// export, DESIGN.md §1), audited as an export. Personal data stays home: the caller's callback
/// number is never exported and notes are attributed to the agency, not to the member of staff.
/// </summary>
internal sealed class IncidentExchange(
    IDbContextFactory<VigilDbContext> contexts,
    DispatchService dispatch,
    AuditLog audit,
    IOptions<ServerOptions> options,
    TimeProvider clock)
{
    public async Task<Outcome<JsonObject>> ExportEidoAsync(string id, string actor, CancellationToken ct)
    {
        if (await dispatch.GetAsync(id, ct).ConfigureAwait(false) is not { } incident)
        {
            return Outcome<JsonObject>.NotFound(Ids.IsRecordId(id) ? $"No incident '{id}'." : "No incident with that id (incident ids are 32 hex digits).");
        }

        IReadOnlyList<UnitDto> units = await dispatch.ListUnitsAsync(ct).ConfigureAwait(false);
        DateTimeOffset now = clock.GetUtcNow();
        string messageId = Guid.CreateVersion7(now).ToString();
        JsonObject document = Build(incident, units.Where(u => incident.UnitIds.Contains(u.Id)).ToArray(), messageId, now);

        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await audit.AppendAsync(db, actor, AuditActions.IncidentExported, $"incident/{incident.Id}", $"NENA EIDO message urn:uuid:{messageId}", ct).ConfigureAwait(false);
        }

        return Outcome<JsonObject>.Done(document);
    }

    private JsonObject Build(IncidentDto incident, IReadOnlyList<UnitDto> units, string messageId, DateTimeOffset now)
    {
        ServerOptions o = options.Value;
        string agency = $"agency-{o.ResolvedCapSender}";
        string location = $"loc-{incident.Id}";
        IncidentType type = IncidentTypeNames.ByName[incident.Type];
        IncidentStatus status = Enum.GetValues<IncidentStatus>().First(s => IncidentLifecycle.Name(s) == incident.Status);
        IncidentEventDto[] notes = incident.Timeline.ToArray();
        DateTimeOffset updated = notes.Length > 0 ? notes.Max(n => n.At) : incident.ReceivedAt;

        var incidentComponent = new JsonObject
        {
            ["componentIdentifier"] = $"inc-{incident.Id}",
            ["incidentTrackingIdentifier"] = $"vigil-incident-{incident.Id}",
            ["lastUpdateTimeStamp"] = CapTime.Format(updated),
            ["incidentTypeCommonRegistryText"] = RegistryText.Of(type),
            ["incidentStatusCommonRegistryText"] = RegistryText.Of(status),
            ["incidentPriorityText"] = $"P{incident.Priority}",
            ["incidentSummaryText"] = incident.Summary,
            ["incidentReceivedTimeStamp"] = CapTime.Format(incident.ReceivedAt),
            ["locationReference"] = new JsonObject { ["$ref"] = location },
            ["updatedByAgencyReference"] = new JsonObject { ["$ref"] = agency },
            ["emergencyResourceReference"] = new JsonArray(units.Select(u => (JsonNode)new JsonObject { ["$ref"] = $"res-{u.Id}" }).ToArray()),
            ["notesReference"] = new JsonArray(notes.Select((_, i) => (JsonNode)new JsonObject { ["$ref"] = $"note-{incident.Id}-{i + 1}" }).ToArray()),
        };
        var dispatchComponents = new JsonArray();
        if (incident.DispatchedAt is { } dispatched)
        {
            var dispatchComponent = new JsonObject
            {
                ["componentIdentifier"] = $"disp-{incident.Id}",
                ["dispatchTimeStamp"] = CapTime.Format(dispatched),
                ["dispatchingAgencyReference"] = new JsonObject { ["$ref"] = agency },
                ["emergencyResourceReference"] = new JsonArray(units.Select(u => (JsonNode)new JsonObject { ["$ref"] = $"res-{u.Id}" }).ToArray()),
            };
            AddTime(dispatchComponent, "enRouteTimeStamp", incident.EnRouteAt);
            AddTime(dispatchComponent, "onSceneTimeStamp", incident.OnSceneAt);
            dispatchComponents.Add(dispatchComponent);
            incidentComponent["dispatchReference"] = new JsonArray(new JsonObject { ["$ref"] = $"disp-{incident.Id}" });
        }

        return new JsonObject
        {
            ["eidoMessageIdentifier"] = $"urn:uuid:{messageId}",
            ["$id"] = $"urn:uuid:{messageId}",
            ["sendingSystemIdentifier"] = o.ResolvedCapSender,
            ["lastUpdateTimeStamp"] = CapTime.Format(now),
            ["messageKind"] = "Report",
            ["incidentComponent"] = new JsonArray(incidentComponent),
            ["locationComponent"] = new JsonArray(new JsonObject
            {
                ["componentIdentifier"] = location,
                ["locationDescriptionText"] = incident.Location,
                ["locationByValue"] = new JsonObject
                {
                    // GeoJSON order: longitude, latitude (WGS 84).
                    ["type"] = "Point",
                    ["coordinates"] = new JsonArray(Round(incident.Longitude), Round(incident.Latitude)),
                },
            }),
            ["agencyComponent"] = new JsonArray(new JsonObject
            {
                ["componentIdentifier"] = agency,
                ["agencyIdentifier"] = o.ResolvedCapSender,
                ["agencyName"] = o.CapSenderName,
            }),
            ["dispatchComponent"] = dispatchComponents,
            ["emergencyResourceComponent"] = new JsonArray(units.Select(u => (JsonNode)new JsonObject
            {
                ["componentIdentifier"] = $"res-{u.Id}",
                ["resourceIdentifier"] = u.Id,
                ["resourceName"] = u.Name,
                ["resourceTypeCommonRegistryText"] = RegistryText.Of(UnitTypeNames.ByName[u.Type]),
                ["resourceStatusCommonRegistryText"] = RegistryText.Of(Enum.GetValues<UnitStatus>().First(s => UnitLifecycle.Name(s) == u.Status)),
                ["owningAgencyReference"] = new JsonObject { ["$ref"] = agency },
            }).ToArray()),
            ["notesComponent"] = new JsonArray(notes.Select((n, i) => (JsonNode)new JsonObject
            {
                ["componentIdentifier"] = $"note-{incident.Id}-{i + 1}",
                ["noteDateTimeStamp"] = CapTime.Format(n.At),
                ["noteText"] = $"{n.Kind}: {n.Text}",
                ["authorReference"] = new JsonObject { ["$ref"] = agency },
            }).ToArray()),
        };
    }

    private static void AddTime(JsonObject component, string name, DateTimeOffset? at)
    {
        if (at is { } value)
        {
            component[name] = CapTime.Format(value);
        }
    }

    private static double Round(double degrees) => Math.Round(degrees, 6, MidpointRounding.AwayFromZero);
}
