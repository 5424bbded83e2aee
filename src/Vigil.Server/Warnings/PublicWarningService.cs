using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;
using Vigil.Domain.Dispatch;
using Vigil.Domain.Warnings;
using Vigil.Server.Api;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Hosting;

namespace Vigil.Server.Warnings;

/// <summary>
/// Public warnings in OASIS CAP 1.2, composed by a supervisor from an incident. Each message is
/// written once, stored exactly as published, audited (as an export) and offered on the public
/// feed. An Update or Cancel refers to every earlier message of its warning; of two supervisors
/// updating the same warning at once, one succeeds and the other is told to reload.
/// </summary>
internal sealed class PublicWarningService(IDbContextFactory<VigilDbContext> contexts, AuditLog audit, IOptions<ServerOptions> options, TimeProvider clock)
{
    public const int MaxTextLength = 2000;

    /// <summary>How long a warning stays on the feed after it expired or was cancelled.</summary>
    public static readonly TimeSpan FeedGrace = TimeSpan.FromHours(24);

    public async Task<Outcome<WarningDto>> IssueAsync(string incidentId, WarningRequest request, string actor, CancellationToken ct)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            IncidentRecord? incident = Ids.IsRecordId(incidentId)
                ? await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, ct).ConfigureAwait(false)
                : null;
            if (incident is null)
            {
                return Outcome<WarningDto>.NotFound($"No incident '{incidentId}'.");
            }

            if (incident.Status is IncidentStatus.Closed or IncidentStatus.Cancelled)
            {
                return Outcome<WarningDto>.Conflict($"The incident is {IncidentLifecycle.Name(incident.Status)}; warnings are issued for open incidents only.");
            }

            if (incident.Latitude is null || incident.Longitude is null)
            {
                return Outcome<WarningDto>.Conflict("The incident has no map position (it was handed over with an address only); a warning's area is a circle around a position.");
            }

            DateTimeOffset now = WholeSeconds(clock.GetUtcNow());
            string id = Guid.CreateVersion7(now).ToString("N");
            if (Compose(id, incident, request, "Alert", [], now) is not { } message)
            {
                return Refusal(request);
            }

            return await PublishAsync(db, Record(id, id, 1, incident.Id, message, actor), actor, ct).ConfigureAwait(false);
        }
    }

    public Task<Outcome<WarningDto>> UpdateAsync(string warningId, WarningRequest request, string actor, CancellationToken ct) =>
        FollowUpAsync(warningId, actor, (incident, previous, id, references, now) =>
            Compose(id, incident, request, "Update", references, now) is { } message ? (message, null) : (null, Refusal(request)), ct);

    public Task<Outcome<WarningDto>> CancelAsync(string warningId, string? reason, string actor, CancellationToken ct) =>
        FollowUpAsync(warningId, actor, (_, previous, id, references, now) =>
        {
            if (Problems.CheckText(reason, 500) is { } problem)
            {
                return (null, Outcome<WarningDto>.Invalid("reason", problem));
            }

            CapMessage cancel = previous with
            {
                Identifier = IdentifierOf(id),
                Sent = now,
                MessageType = "Cancel",
                Note = string.IsNullOrWhiteSpace(reason) ? "This warning is withdrawn." : reason.Trim(),
                References = references,
                Urgency = "Past",
                Expires = now,
            };
            return (cancel, null);
        }, ct);

    public async Task<IReadOnlyList<WarningDto>> ForIncidentAsync(string incidentId, CancellationToken ct)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            List<PublicWarningRecord> rows = await db.PublicWarnings.AsNoTracking().Where(w => w.IncidentId == incidentId).ToListAsync(ct).ConfigureAwait(false);
            return rows.OrderBy(w => w.ThreadId, StringComparer.Ordinal).ThenBy(w => w.Number).Select(ToDto).ToArray();
        }
    }

    /// <summary>The latest message of every warning that is in force, or ended less than <see cref="FeedGrace"/> ago.</summary>
    public async Task<IReadOnlyList<PublicWarningRecord>> CurrentAsync(CancellationToken ct)
    {
        DateTimeOffset since = clock.GetUtcNow() - FeedGrace;
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            List<PublicWarningRecord> recent = await db.PublicWarnings.AsNoTracking()
                .Where(w => w.Expires == null || w.Expires >= since)
                .ToListAsync(ct).ConfigureAwait(false);
            return recent.GroupBy(w => w.ThreadId, StringComparer.Ordinal)
                .Select(g => g.MaxBy(w => w.Number)!)
                .Where(w => w.Expires is null || w.Expires >= since)
                .OrderByDescending(w => w.Sent)
                .ToArray();
        }
    }

    /// <summary>One published message's CAP document, or null.</summary>
    public async Task<string?> DocumentAsync(string id, CancellationToken ct)
    {
        if (!Ids.IsRecordId(id))
        {
            return null;
        }

        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.PublicWarnings.AsNoTracking().Where(w => w.Id == id).Select(w => w.Document).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        }
    }

    public static WarningDto ToDto(PublicWarningRecord w) =>
        new(w.Id, w.ThreadId, w.Number, w.IncidentId, w.Identifier, w.MessageType, w.Sent, w.Expires, w.Headline, w.CreatedBy, $"/cap/alerts/{w.Id}.xml");

    private async Task<Outcome<WarningDto>> FollowUpAsync(
        string warningId,
        string actor,
        Func<IncidentRecord, CapMessage, string, IReadOnlyList<CapReference>, DateTimeOffset, (CapMessage? Message, Outcome<WarningDto>? Refusal)> next,
        CancellationToken ct)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            List<PublicWarningRecord> thread = Ids.IsRecordId(warningId)
                ? await db.PublicWarnings.AsNoTracking().Where(w => w.ThreadId == warningId).ToListAsync(ct).ConfigureAwait(false)
                : [];
            if (thread.Count == 0)
            {
                return Outcome<WarningDto>.NotFound($"No warning '{warningId}' (a warning is named by the id of its first message).");
            }

            PublicWarningRecord last = thread.MaxBy(w => w.Number)!;
            if (last.MessageType == "Cancel")
            {
                return Outcome<WarningDto>.Conflict("This warning was cancelled; issue a new one instead.");
            }

            IncidentRecord incident = await db.Incidents.AsNoTracking().FirstAsync(i => i.Id == last.IncidentId, ct).ConfigureAwait(false);
            DateTimeOffset now = WholeSeconds(clock.GetUtcNow());
            string id = Guid.CreateVersion7(now).ToString("N");
            CapReference[] references = thread.OrderBy(w => w.Number).Select(w => CapDocument.Read(w.Document).AsReference()).ToArray();
            (CapMessage? message, Outcome<WarningDto>? refusal) = next(incident, CapDocument.Read(last.Document), id, references, now);
            if (message is null)
            {
                return refusal!;
            }

            return await PublishAsync(db, Record(id, last.ThreadId, last.Number + 1, last.IncidentId, message, actor), actor, ct).ConfigureAwait(false);
        }
    }

    private static PublicWarningRecord Record(string id, string threadId, int number, string incidentId, CapMessage message, string actor) => new()
    {
        Id = id,
        ThreadId = threadId,
        Number = number,
        IncidentId = incidentId,
        Identifier = message.Identifier,
        MessageType = message.MessageType,
        Sent = message.Sent,
        Expires = message.Expires,
        Headline = message.Headline,
        CreatedBy = actor,
        Document = CapDocument.Write(message),
    };

    private async Task<Outcome<WarningDto>> PublishAsync(VigilDbContext db, PublicWarningRecord record, string actor, CancellationToken ct)
    {
        db.PublicWarnings.Add(record);
        try
        {
            await audit.SaveWithAsync(db, actor, AuditActions.WarningPublished, $"incident/{record.IncidentId}/warning/{record.ThreadId}", $"CAP {record.MessageType} {record.Identifier}: {record.Headline}", ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return Outcome<WarningDto>.Conflict("Someone else published a message for this warning at the same moment; reload it and decide again.");
        }

        return Outcome<WarningDto>.Done(ToDto(record), StatusCodes.Status201Created);
    }

    private CapMessage? Compose(string id, IncidentRecord incident, WarningRequest r, string messageType, IReadOnlyList<CapReference> references, DateTimeOffset now)
    {
        if (Problem(r) is not null)
        {
            return null;
        }

        ServerOptions o = options.Value;
        return new CapMessage(
            IdentifierOf(id),
            o.ResolvedCapSender,
            now,
            o.CapStatus,
            messageType,
            null,
            references,
            $"vigil-incident-{incident.Id}",
            o.CapLanguage,
            r.Category ?? CapVocabulary.CategoryOf(incident.Type),
            r.Event!.Trim(),
            r.ResponseType,
            r.Urgency!,
            r.Severity!,
            r.Certainty!,
            now.AddHours(r.ExpiresInHours ?? 6),
            o.CapSenderName,
            r.Headline!.Trim(),
            r.Description!.Trim(),
            string.IsNullOrWhiteSpace(r.Instruction) ? null : r.Instruction.Trim(),
            new CapArea(string.IsNullOrWhiteSpace(r.AreaDescription) ? incident.Location : r.AreaDescription.Trim(), incident.Latitude!.Value, incident.Longitude!.Value, r.RadiusKm ?? 1));
    }

    private static Outcome<WarningDto> Refusal(WarningRequest r)
    {
        (string field, string detail) = Problem(r)!.Value;
        return Outcome<WarningDto>.Invalid(field, detail);
    }

    /// <summary>The first field that CAP 1.2 (or good sense) refuses, or null.</summary>
    private static (string Field, string Detail)? Problem(WarningRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.Event) || Problems.CheckText(r.Event, 100) is not null)
        {
            return ("event", "name the event in 1 to 100 characters, e.g. 'Flash flood' or 'Crowd crush risk'");
        }

        if (Not(r.Urgency, CapVocabulary.Urgencies) is { } urgency)
        {
            return ("urgency", urgency);
        }

        if (Not(r.Severity, CapVocabulary.Severities) is { } severity)
        {
            return ("severity", severity);
        }

        if (Not(r.Certainty, CapVocabulary.Certainties) is { } certainty)
        {
            return ("certainty", certainty);
        }

        if (r.Category is not null && Not(r.Category, CapVocabulary.Categories) is { } category)
        {
            return ("category", category);
        }

        if (r.ResponseType is not null && Not(r.ResponseType, CapVocabulary.ResponseTypes) is { } response)
        {
            return ("responseType", response);
        }

        if (string.IsNullOrWhiteSpace(r.Headline) || Problems.CheckText(r.Headline, 160) is not null)
        {
            return ("headline", "a headline of 1 to 160 characters (it is what phones and sirens show first)");
        }

        if (string.IsNullOrWhiteSpace(r.Description) || Problems.CheckText(r.Description, MaxTextLength) is not null)
        {
            return ("description", $"describe the hazard in 1 to {MaxTextLength} characters");
        }

        if (Problems.CheckText(r.Instruction, MaxTextLength) is { } instruction)
        {
            return ("instruction", instruction);
        }

        if (Problems.CheckText(r.AreaDescription, 200) is { } area)
        {
            return ("areaDescription", area);
        }

        if (r.RadiusKm is { } radius && (radius <= 0 || radius > 100 || double.IsNaN(radius)))
        {
            return ("radiusKm", "the warned area's radius in km, above 0 and at most 100");
        }

        return r.ExpiresInHours is { } hours && (hours <= 0 || hours > 168 || double.IsNaN(hours))
            ? ("expiresInHours", "hours until the warning expires, above 0 and at most 168 (a week)")
            : null;
    }

    private static string? Not(string? value, IReadOnlyList<string> allowed) =>
        value is not null && allowed.Contains(value, StringComparer.Ordinal) ? null : $"one of: {string.Join(", ", allowed)} (as written)";

    private static string IdentifierOf(string id) => $"vigil-{id}";

    /// <summary>CAP times have whole seconds; what is stored and returned matches the document.</summary>
    private static DateTimeOffset WholeSeconds(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), at.Offset);
}
