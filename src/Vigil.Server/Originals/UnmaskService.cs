using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Vigil.Configuration;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;
using Vigil.Domain.Cameras;
using Vigil.Domain.Evidence;
using Vigil.Domain.Users;
using Vigil.Server.Api;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;

namespace Vigil.Server.Originals;

/// <summary>
/// Unmasking under dual control (issue 22): an operator or supervisor asks to see a camera's originals
/// for at most ten minutes of an incident, with a reason; an auditor (never the requester, never an
/// admin: <see cref="DualControl"/>) approves or refuses; an approval lets the requester alone watch
/// that camera and range, watermarked, for <see cref="OriginalFootage.ViewFor"/>; the requester or an
/// auditor may end it sooner (open streams end at once). Every step is an audit entry; the minutes
/// watched are counted for the transparency page.
/// </summary>
internal sealed class UnmaskService(
    IDbContextFactory<VigilDbContext> contexts,
    VigilConfig config,
    OriginalStore store,
    UnmaskViews views,
    AuditLog audit,
    TimeProvider clock)
{
    private const int MaxListed = 200;
    private const string NoRequest = "No unmask request with that id.";

    public async Task<Outcome<UnmaskRequestDto>> RequestAsync(string incidentId, UnmaskRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (DualControl.CheckReason(request.Reason) is { } reasonProblem)
        {
            return Outcome<UnmaskRequestDto>.Invalid("reason", reasonProblem);
        }

        if ((request.CameraId is { } id && Ids.IsSlug(id) ? config.FindCamera(id) : null) is not Camera camera)
        {
            return Outcome<UnmaskRequestDto>.Invalid("cameraId", "required: the id of a configured camera");
        }

        if (camera.OriginalsKeep is not { } keep)
        {
            return Outcome<UnmaskRequestDto>.Conflict($"Camera '{camera.Id}' keeps no originals: only its redacted recordings exist.");
        }

        if (request.From is not { } from || request.To is not { } to)
        {
            return Outcome<UnmaskRequestDto>.Invalid(request.From is null ? "from" : "to", "required: the range to see, at most 10 minutes");
        }

        DateTimeOffset now = clock.GetUtcNow();
        if (OriginalFootage.CheckRange(from, to, now, keep) is { } rangeProblem)
        {
            return Outcome<UnmaskRequestDto>.Invalid("to", rangeProblem);
        }

        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (!Ids.IsRecordId(incidentId) || !await db.Incidents.AnyAsync(i => i.Id == incidentId, ct).ConfigureAwait(false))
            {
                return Outcome<UnmaskRequestDto>.NotFound(Ids.IsRecordId(incidentId) ? $"No incident '{incidentId}'." : "No incident with that id (incident ids are 32 hex digits).");
            }

            if (store.List(camera.Id, from, to).Count == 0)
            {
                return Outcome<UnmaskRequestDto>.Conflict($"Camera '{camera.Id}' has no original footage in that range (kept {keep.TotalHours:0} h).");
            }

            var row = new UnmaskRequestRecord
            {
                Id = Guid.CreateVersion7(now).ToString("N"),
                IncidentId = incidentId,
                CameraId = camera.Id,
                From = from.ToUniversalTime(),
                To = to.ToUniversalTime(),
                RequestedById = Principals.IdOf(user),
                RequestedBy = Principals.ActorOf(user),
                RequestedAt = now,
                Reason = request.Reason!.Trim(),
                State = ApprovalState.Pending,
            };
            db.UnmaskRequests.Add(row);
            await audit.SaveWithAsync(db, row.RequestedBy, AuditActions.UnmaskRequested, $"incident/{incidentId}", $"request {row.Id}: camera {camera.Id} {Range(row)}: {row.Reason}", ct).ConfigureAwait(false);
            return Outcome<UnmaskRequestDto>.Done(ToDto(row, user, now), StatusCodes.Status201Created);
        }
    }

    /// <summary>Requests, newest first: every one for an auditor, one's own for anyone else; of one incident, or in one state.</summary>
    public async Task<IReadOnlyList<UnmaskRequestDto>> ListAsync(string? incidentId, ApprovalState? state, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            IQueryable<UnmaskRequestRecord> rows = db.UnmaskRequests.AsNoTracking();
            if (!user.IsInRole(Roles.Auditor))
            {
                string me = Principals.IdOf(user);
                rows = rows.Where(r => r.RequestedById == me);
            }

            if (incidentId is not null)
            {
                rows = rows.Where(r => r.IncidentId == incidentId);
            }

            if (state is { } s)
            {
                rows = rows.Where(r => r.State == s);
            }

            List<UnmaskRequestRecord> found = await rows.OrderByDescending(r => r.Id).Take(MaxListed).ToListAsync(ct).ConfigureAwait(false);
            DateTimeOffset now = clock.GetUtcNow();
            return [.. found.Select(r => ToDto(r, user, now))];
        }
    }

    public async Task<Outcome<UnmaskRequestDto>> DecideAsync(string requestId, bool? approve, string? note, ClaimsPrincipal user, CancellationToken ct)
    {
        if (approve is null)
        {
            return Outcome<UnmaskRequestDto>.Invalid("approve", "required: true to approve, false to refuse");
        }

        if (approve == false && DualControl.CheckReason(note) is { } noteProblem)
        {
            return Outcome<UnmaskRequestDto>.Invalid("note", $"a refusal says why the requester may not see it; {noteProblem}");
        }

        if (note is { Length: > DualControl.MaxTextLength })
        {
            return Outcome<UnmaskRequestDto>.Invalid("note", $"at most {DualControl.MaxTextLength} characters");
        }

        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (await FindAsync(db, requestId, ct).ConfigureAwait(false) is not { } row)
            {
                return Outcome<UnmaskRequestDto>.NotFound(NoRequest);
            }

            string[] roles = [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)];
            if (DualControl.CheckDecider(row.RequestedById, Principals.IdOf(user), roles) is { } refusal)
            {
                return Outcome<UnmaskRequestDto>.Forbidden(refusal);
            }

            if (DualControl.CheckOpen(row.State) is { } closed)
            {
                return Outcome<UnmaskRequestDto>.Conflict(closed);
            }

            DateTimeOffset now = clock.GetUtcNow();
            string actor = Principals.ActorOf(user);
            (row.DecidedById, row.DecidedBy, row.DecidedAt) = (Principals.IdOf(user), actor, now);
            row.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            row.Version++;
            string noteDetail = row.DecisionNote is null ? "" : $": {row.DecisionNote}";
            try
            {
                if (approve == true)
                {
                    row.State = ApprovalState.Approved;
                    row.ViewUntil = now + OriginalFootage.ViewFor;
                    await audit.SaveWithAsync(db, actor, AuditActions.UnmaskApproved, $"camera/{row.CameraId}", string.Create(CultureInfo.InvariantCulture,
                        $"request {row.Id} of {row.RequestedBy} for incident {row.IncidentId}, {Range(row)}: viewable until {row.ViewUntil:u}{noteDetail}"), ct).ConfigureAwait(false);
                }
                else
                {
                    row.State = ApprovalState.Refused;
                    await audit.SaveWithAsync(db, actor, AuditActions.UnmaskRefused, $"camera/{row.CameraId}", $"request {row.Id} of {row.RequestedBy}{noteDetail}", ct).ConfigureAwait(false);
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome<UnmaskRequestDto>.Conflict("Another auditor decided this request meanwhile; reload it.");
            }

            return Outcome<UnmaskRequestDto>.Done(ToDto(row, user, now));
        }
    }

    /// <summary>Ends an approved view before its time (its requester, or an auditor); open streams end at once.</summary>
    public async Task<Outcome<UnmaskRequestDto>> RevokeAsync(string requestId, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (await FindAsync(db, requestId, ct).ConfigureAwait(false) is not { } row)
            {
                return Outcome<UnmaskRequestDto>.NotFound(NoRequest);
            }

            bool requester = string.Equals(row.RequestedById, Principals.IdOf(user), StringComparison.Ordinal);
            if (!requester && !user.IsInRole(Roles.Auditor))
            {
                return Outcome<UnmaskRequestDto>.Forbidden("Only its requester or an auditor ends an unmask view.");
            }

            DateTimeOffset now = clock.GetUtcNow();
            if (row.State != ApprovalState.Approved || row.RevokedAt is not null || row.ViewUntil <= now)
            {
                return Outcome<UnmaskRequestDto>.Conflict("There is no view in force to end: the request is not approved, or its view already ended.");
            }

            (row.RevokedAt, row.RevokedBy) = (now, Principals.ActorOf(user));
            row.Version++;
            await audit.SaveWithAsync(db, row.RevokedBy, AuditActions.UnmaskRevoked, $"camera/{row.CameraId}", $"request {row.Id} of {row.RequestedBy}", ct).ConfigureAwait(false);
            views.End(row.Id);
            return Outcome<UnmaskRequestDto>.Done(ToDto(row, user, now));
        }
    }

    /// <summary>What the requester may watch now, or why not (anyone else, before approval, after expiry or revocation).</summary>
    public async Task<Outcome<UnmaskGrant>> OpenViewAsync(string requestId, ClaimsPrincipal user, CancellationToken ct)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (await FindAsync(db, requestId, ct).ConfigureAwait(false) is not { } row)
            {
                return Outcome<UnmaskGrant>.NotFound(NoRequest);
            }

            if (!string.Equals(row.RequestedById, Principals.IdOf(user), StringComparison.Ordinal))
            {
                return Outcome<UnmaskGrant>.Forbidden($"Only the person who asked ({row.RequestedBy}) watches these originals; file your own request with a reason.");
            }

            DateTimeOffset now = clock.GetUtcNow();
            string? why = row.State switch
            {
                ApprovalState.Pending => "The request is waiting for an auditor's decision; nothing unmasked is shown before it.",
                ApprovalState.Refused => $"An auditor refused this request{(row.DecisionNote is null ? "" : $": {row.DecisionNote}")}.",
                _ when row.RevokedAt is not null => $"This view was ended by {row.RevokedBy} at {row.RevokedAt:u}.",
                _ when row.ViewUntil <= now => string.Create(CultureInfo.InvariantCulture, $"This view ended at {row.ViewUntil:u}; file a new request to see it again."),
                _ => null,
            };
            if (why is not null)
            {
                return Outcome<UnmaskGrant>.Conflict(why);
            }

            return Outcome<UnmaskGrant>.Done(new UnmaskGrant(row.Id, row.CameraId, row.From, row.To, row.ViewUntil!.Value, $"ORIGINAL {row.RequestedBy} {row.Id[..8]}"));
        }
    }

    /// <summary>Records one viewing: its seconds add to the request's, and it is an audit entry of its own.</summary>
    public async Task RecordViewingAsync(UnmaskGrant grant, string actor, TimeSpan watched, TimeSpan footage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grant);
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (await FindAsync(db, grant.RequestId, ct).ConfigureAwait(false) is { } row)
            {
                row.SecondsViewed += (long)footage.TotalSeconds;
                await audit.SaveWithAsync(db, actor, AuditActions.OriginalViewed, $"camera/{grant.CameraId}", string.Create(CultureInfo.InvariantCulture,
                    $"{(long)footage.TotalSeconds} s of original footage watched in {watched.TotalSeconds:0} s: request {grant.RequestId}"), ct).ConfigureAwait(false);
            }
        }
    }

    private static async Task<UnmaskRequestRecord?> FindAsync(VigilDbContext db, string id, CancellationToken ct) =>
        Ids.IsRecordId(id) ? await db.UnmaskRequests.SingleOrDefaultAsync(r => r.Id == id, ct).ConfigureAwait(false) : null;

    private static string Range(UnmaskRequestRecord row) => string.Create(CultureInfo.InvariantCulture, $"{row.From:u} to {row.To:u}");

    private static UnmaskRequestDto ToDto(UnmaskRequestRecord r, ClaimsPrincipal user, DateTimeOffset now)
    {
        bool viewable = r.State == ApprovalState.Approved && r.RevokedAt is null && r.ViewUntil > now;
        bool mine = string.Equals(r.RequestedById, Principals.IdOf(user), StringComparison.Ordinal);
        return new UnmaskRequestDto(
            r.Id, r.IncidentId, r.CameraId, r.From, r.To, r.RequestedBy, r.RequestedAt, r.Reason, r.State.ToString().ToLowerInvariant(),
            r.DecidedBy, r.DecidedAt, r.DecisionNote, r.ViewUntil, r.RevokedAt, r.RevokedBy, viewable, viewable && mine ? $"/api/unmask/{r.Id}/view" : null);
    }
}
