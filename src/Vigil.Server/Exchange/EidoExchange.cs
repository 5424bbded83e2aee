using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;
using Vigil.Domain.Dispatch;
using Vigil.Domain.Exchange;
using Vigil.Server.Api;
using Vigil.Server.Dispatch;
using Vigil.Server.Hosting;
using Vigil.Server.Live;

namespace Vigil.Server.Exchange;

/// <summary>
/// Incidents to and from neighbouring agencies as NENA EIDO (ADR 020). Export: one incident per
/// request, audited, no caller or staff data. Import: a document is read (at most
/// <see cref="MaxDocumentBytes"/>), checked against the schema (every broken path listed, nothing
/// stored), then opens an incident or updates the one the same agency sent before; audited and
/// counted on the transparency page. What it says about callers is counted, never stored.
/// </summary>
internal sealed class EidoExchange(
    IDbContextFactory<VigilDbContext> contexts,
    IncidentQueries queries,
    AuditLog audit,
    OpsPush push,
    IOptions<ServerOptions> options,
    TimeProvider clock)
{
    /// <summary>The largest document an import reads (1 MiB; NENA's call-transfer sample is 9 KB).</summary>
    public const int MaxDocumentBytes = 1 << 20;

    /// <summary>This centre as EIDO names it.</summary>
    public EidoAgency Agency => new(options.Value.ResolvedAgencyId, options.Value.CapSenderName);

    public async Task<Outcome<JsonObject>> ExportAsync(string id, string actor, CancellationToken ct)
    {
        if (await queries.GetAsync(id, ct).ConfigureAwait(false) is not { } incident)
        {
            return Outcome<JsonObject>.NotFound(Ids.IsRecordId(id) ? $"No incident '{id}'." : "No incident with that id (incident ids are 32 hex digits).");
        }

        IReadOnlyList<UnitState> units = (await queries.UnitsAsync(ct).ConfigureAwait(false)).Where(u => incident.UnitIds.Contains(u.Unit.Id)).ToArray();
        DateTimeOffset now = clock.GetUtcNow();
        JsonObject document = EidoWriter.Write(incident, units, Agency, now);
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await audit.AppendAsync(db, actor, AuditActions.IncidentExported, $"incident/{incident.Id}", $"NENA EIDO {document["$id"]} as of {EidoWriter.Time(now)}", ct).ConfigureAwait(false);
        }

        return Outcome<JsonObject>.Done(document);
    }

    /// <summary>Imports one document from <paramref name="body"/>: 201 with the incident opened, 200 with the one updated (or unchanged when the document is not newer).</summary>
    public async Task<Outcome<Incident>> ImportAsync(Stream body, string actor, CancellationToken ct)
    {
        byte[]? bytes = await ReadAtMostAsync(body, MaxDocumentBytes, ct).ConfigureAwait(false);
        if (bytes is null)
        {
            return Outcome<Incident>.Refused(StatusCodes.Status413PayloadTooLarge, $"An EIDO document may be at most {MaxDocumentBytes / 1024} KiB; this one is larger. Send one incident per document; nothing was stored.");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            return Outcome<Incident>.Invalid("body", $"not a JSON document ({ex.Message}); nothing was stored");
        }

        IReadOnlyList<EidoProblem> problems = EidoValidator.Validate(node);
        if (problems.Count > 0)
        {
            Dictionary<string, string[]> errors = problems.GroupBy(p => p.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
            return Outcome<Incident>.Invalid(errors, $"The document breaks NENA's EIDO schema (NENA-STA-021.1b) in {problems.Count}{(problems.Count == EidoValidator.MaxProblems ? "+" : "")} place(s), listed under errors; nothing was stored. First: {problems[0].Path}: {problems[0].Message}.");
        }

        EidoHandover handover = EidoReader.Read(node!.AsObject());
        if (string.Equals(handover.AgencyId, Agency.Id, StringComparison.OrdinalIgnoreCase))
        {
            return Outcome<Incident>.Conflict($"This document was sent by this centre (agency {Agency.Id}): its incident is already here, so nothing was imported.");
        }

        DateTimeOffset now = clock.GetUtcNow();
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            IncidentRecord? record = await db.Incidents.FirstOrDefaultAsync(i => i.SourceAgencyId == handover.AgencyId && i.SourceIncidentId == handover.DocumentId, ct).ConfigureAwait(false);
            Incident? before = record is null ? null : (await IncidentQueries.LoadAsync(db, [record], ct).ConfigureAwait(false))[0];
            Incident? next = before is null ? Handovers.Open(handover, Guid.CreateVersion7(now).ToString("N"), actor, now) : Handovers.Update(before, handover, actor, now);
            string what = before is null ? "created" : next is null ? "unchanged (not newer than the last import)" : "updated";
            if (record is null)
            {
                record = IncidentRecords.NewRecord(next!, callerCallback: null);
                db.Incidents.Add(record);
            }
            else if (next is not null)
            {
                IncidentRecords.Apply(next, record);
                record.Version++;
            }

            if (next is not null)
            {
                IncidentRecords.AddLines(db, before, next);
            }

            try
            {
                await audit.SaveWithAsync(db, actor, AuditActions.IncidentImported, $"incident/{record.Id}", $"NENA EIDO {handover.DocumentId} from {handover.AgencyId}: {what}", ct).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                return Outcome<Incident>.Conflict("The same incident was imported or changed at the same moment; import the document again to update it.");
            }

            Incident stored = (next ?? before!) with { Version = record.Version };
            if (next is not null)
            {
                await push.IncidentAsync(stored, ct).ConfigureAwait(false);
            }

            return Outcome<Incident>.Done(stored, before is null ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }
    }

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken ct)
    {
        var buffer = new byte[limit + 1];
        int length = 0;
        while (length < buffer.Length)
        {
            int read = await body.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer[..length];
            }

            length += read;
        }

        return null;
    }
}
