using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Configuration;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Data.Evidence;
using Vigil.Domain.Audit;
using Vigil.Domain.Dispatch;
using Vigil.Domain.Evidence;
using Vigil.Server.Alerts;
using Vigil.Server.Api;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;
using Vigil.Server.Hosting;
using Vigil.Server.Recordings;

namespace Vigil.Server.Evidence;

/// <summary>
/// Evidence export under dual control (DESIGN.md §1, ADR 017): a supervisor asks with a reason, an
/// auditor approves or refuses, and only then is the package made (the incident's clip segments and
/// snapshots, byte for byte, with a manifest signed by the installation's audit key) and kept for its
/// requester to download for <see cref="DownloadFor"/>. Every step is one audit entry; each download
/// is an export on the transparency page.
/// </summary>
internal sealed class EvidenceService(
    IDbContextFactory<VigilDbContext> contexts,
    RecordingStore recordings,
    SnapshotStore snapshots,
    AuditLog audit,
    AuditSigner signer,
    IOptions<ServerOptions> options,
    TimeProvider clock,
    ILogger<EvidenceService> logger)
{
    /// <summary>How long an approved package waits for its requester before the retention sweep removes it.</summary>
    public static readonly TimeSpan DownloadFor = TimeSpan.FromHours(72);
    private const int MaxListed = 200;

    public string Root { get; } = Path.Combine(options.Value.ResolvedDataDirectory, "evidence");

    public async Task<Outcome<EvidenceRequestDto>> RequestAsync(string incidentId, string? reason, ClaimsPrincipal user, CancellationToken ct)
    {
        if (DualControl.CheckReason(reason) is { } problem)
        {
            return Outcome<EvidenceRequestDto>.Invalid("reason", problem);
        }

        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            IncidentRecord? incident = Ids.IsRecordId(incidentId)
                ? await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, ct).ConfigureAwait(false)
                : null;
            if (incident is null)
            {
                return Outcome<EvidenceRequestDto>.NotFound(Ids.IsRecordId(incidentId) ? $"No incident '{incidentId}'." : "No incident with that id (incident ids are 32 hex digits).");
            }

            (_, List<EvidenceSource> sources) = await GatherAsync(db, incident.Id, ct).ConfigureAwait(false);
            if (sources.Count == 0)
            {
                return Outcome<EvidenceRequestDto>.Conflict("Nothing to export: none of this incident's alerts has recorded footage or a snapshot.");
            }

            if (await db.EvidenceRequests.AnyAsync(r => r.IncidentId == incident.Id && r.State == ApprovalState.Pending, ct).ConfigureAwait(false))
            {
                return Outcome<EvidenceRequestDto>.Conflict("A request for this incident's evidence is already waiting for an auditor.");
            }

            DateTimeOffset now = clock.GetUtcNow();
            var row = new EvidenceRequestRecord
            {
                Id = Guid.CreateVersion7(now).ToString("N"),
                IncidentId = incident.Id,
                RequestedById = Principals.IdOf(user),
                RequestedBy = Principals.ActorOf(user),
                RequestedAt = now,
                Reason = reason!.Trim(),
                State = ApprovalState.Pending,
            };
            db.EvidenceRequests.Add(row);
            await audit.SaveWithAsync(db, row.RequestedBy, AuditActions.EvidenceRequested, $"incident/{incident.Id}", $"request {row.Id}: {row.Reason}", ct).ConfigureAwait(false);
            return Outcome<EvidenceRequestDto>.Done(ToDto(row, incident, now), StatusCodes.Status201Created);
        }
    }

    /// <summary>Requests, newest first: of one incident, or in one state (the auditors' queue is the pending ones).</summary>
    public async Task<IReadOnlyList<EvidenceRequestDto>> ListAsync(string? incidentId, ApprovalState? state, CancellationToken ct)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            IQueryable<EvidenceRequestRecord> rows = db.EvidenceRequests.AsNoTracking();
            if (incidentId is not null)
            {
                rows = rows.Where(r => r.IncidentId == incidentId);
            }

            if (state is { } s)
            {
                rows = rows.Where(r => r.State == s);
            }

            var found = await rows.OrderByDescending(r => r.Id).Take(MaxListed)
                .Join(db.Incidents.AsNoTracking(), r => r.IncidentId, i => i.Id, (r, i) => new { Request = r, Incident = i })
                .ToListAsync(ct).ConfigureAwait(false);
            DateTimeOffset now = clock.GetUtcNow();
            return found.OrderByDescending(x => x.Request.Id, StringComparer.Ordinal).Select(x => ToDto(x.Request, x.Incident, now)).ToArray();
        }
    }

    /// <summary>An auditor's decision; approving makes the signed package.</summary>
    public async Task<Outcome<EvidenceRequestDto>> DecideAsync(string requestId, bool? approve, string? note, ClaimsPrincipal user, CancellationToken ct)
    {
        if (approve is null)
        {
            return Outcome<EvidenceRequestDto>.Invalid("approve", "required: true to approve, false to refuse");
        }

        if (approve == false && DualControl.CheckReason(note) is { } noteProblem)
        {
            return Outcome<EvidenceRequestDto>.Invalid("note", $"a refusal says why the requester may not have it; {noteProblem}");
        }

        if (note is { Length: > DualControl.MaxTextLength })
        {
            return Outcome<EvidenceRequestDto>.Invalid("note", $"at most {DualControl.MaxTextLength} characters");
        }

        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (await FindAsync(db, requestId, ct).ConfigureAwait(false) is not { } row)
            {
                return Outcome<EvidenceRequestDto>.NotFound(NoRequest);
            }

            string[] roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray();
            if (DualControl.CheckDecider(row.RequestedById, Principals.IdOf(user), roles) is { } refusal)
            {
                return Outcome<EvidenceRequestDto>.Forbidden(refusal);
            }

            if (DualControl.CheckOpen(row.State) is { } closed)
            {
                return Outcome<EvidenceRequestDto>.Conflict(closed);
            }

            IncidentRecord incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == row.IncidentId, ct).ConfigureAwait(false);
            DateTimeOffset now = clock.GetUtcNow();
            string actor = Principals.ActorOf(user);
            row.DecidedById = Principals.IdOf(user);
            row.DecidedBy = actor;
            row.DecidedAt = now;
            row.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            row.Version++;
            string? built = null;
            try
            {
                if (approve == true)
                {
                    row.State = ApprovalState.Approved;
                    try
                    {
                        built = await BuildAsync(db, row, incident, now, ct).ConfigureAwait(false);
                    }
                    catch (EvidenceIntegrityException ex)
                    {
                        db.ChangeTracker.Clear();
                        await audit.AppendAsync(db, actor, AuditActions.EvidenceBuildFailed, $"incident/{incident.Id}", $"request {row.Id}: {ex.Message}", ct).ConfigureAwait(false);
                        ServerLog.EvidenceBuildFailed(logger, row.Id, ex.Message);
                        return Outcome<EvidenceRequestDto>.Conflict(ex.Message);
                    }

                    await audit.SaveWithAsync(db, actor, AuditActions.EvidenceApproved, $"incident/{incident.Id}", string.Create(CultureInfo.InvariantCulture,
                        $"request {row.Id} of {row.RequestedBy}: package sha256 {row.PackageSha256}, {row.PackageFiles} file(s), {row.PackageBytes} bytes{NoteDetail(row.DecisionNote)}"), ct).ConfigureAwait(false);
                }
                else
                {
                    row.State = ApprovalState.Refused;
                    await audit.SaveWithAsync(db, actor, AuditActions.EvidenceRefused, $"incident/{incident.Id}", $"request {row.Id} of {row.RequestedBy}{NoteDetail(row.DecisionNote)}", ct).ConfigureAwait(false);
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                Discard(built);
                return Outcome<EvidenceRequestDto>.Conflict("Another auditor decided this request meanwhile; reload it.");
            }

            return Outcome<EvidenceRequestDto>.Done(ToDto(row, incident, now));
        }
    }

    /// <summary>The approved package for its requester (audited as an export), or why not.</summary>
    public async Task<Outcome<EvidenceDownload>> OpenPackageAsync(string requestId, ClaimsPrincipal user, CancellationToken ct)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (await FindAsync(db, requestId, ct).ConfigureAwait(false) is not { } row)
            {
                return Outcome<EvidenceDownload>.NotFound(NoRequest);
            }

            if (!string.Equals(row.RequestedById, Principals.IdOf(user), StringComparison.Ordinal))
            {
                return Outcome<EvidenceDownload>.Forbidden($"Only the person who requested this package ({row.RequestedBy}) downloads it; file your own request with a reason.");
            }

            DateTimeOffset now = clock.GetUtcNow();
            if (row.State == ApprovalState.Pending)
            {
                return Outcome<EvidenceDownload>.Conflict("The request is waiting for an auditor's decision; nothing is made before it.");
            }

            if (row.State == ApprovalState.Refused)
            {
                return Outcome<EvidenceDownload>.Conflict($"An auditor refused this request{NoteDetail(row.DecisionNote)}.");
            }

            string? path = row.PackageFile is { } name ? Path.Combine(Root, name) : null;
            if (path is null || row.ExpiresAt <= now || !File.Exists(path))
            {
                return Outcome<EvidenceDownload>.Conflict(string.Create(CultureInfo.InvariantCulture, $"The package's download period ended at {row.ExpiresAt:u}; file a new request."));
            }

            row.Downloads++;
            row.Version++;
            await audit.SaveWithAsync(db, Principals.ActorOf(user), AuditActions.EvidenceExported, $"incident/{row.IncidentId}", $"request {row.Id}: package sha256 {row.PackageSha256}", ct).ConfigureAwait(false);
            return Outcome<EvidenceDownload>.Done(new EvidenceDownload(path, $"vigil-evidence-{row.IncidentId}-{row.Id}.zip"));
        }
    }

    /// <summary>Removes packages whose download period ended (audited); the request rows stay. Returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        DateTimeOffset now = clock.GetUtcNow();
        VigilDbContext db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            List<EvidenceRequestRecord> expired = await db.EvidenceRequests.Where(r => r.PackageFile != null && r.ExpiresAt <= now).ToListAsync(ct).ConfigureAwait(false);
            foreach (EvidenceRequestRecord row in expired)
            {
                string path = Path.Combine(Root, row.PackageFile!);
                row.PackageFile = null;
                row.Version++;
                await audit.SaveWithAsync(db, "retention", AuditActions.MediaDeleted, $"incident/{row.IncidentId}", $"1 evidence package(s) past its download period (request {row.Id})", ct).ConfigureAwait(false);
                File.Delete(path);
            }

            return expired.Count;
        }
    }

    private async Task<string> BuildAsync(VigilDbContext db, EvidenceRequestRecord row, IncidentRecord incident, DateTimeOffset now, CancellationToken ct)
    {
        (List<AlertRecord> alerts, List<EvidenceSource> sources) = await GatherAsync(db, incident.Id, ct).ConfigureAwait(false);
        Directory.CreateDirectory(Root);
        string name = $"{row.Id}.zip";
        string path = Path.Combine(Root, name);
        string partial = path + ".partial";
        EvidenceManifest manifest;
        try
        {
            var output = new FileStream(partial, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous);
            await using (output.ConfigureAwait(false))
            {
                manifest = await EvidencePackage.WriteAsync(output, sources, files => Manifest(row, incident, alerts, files, now), signer, ct).ConfigureAwait(false);
                await output.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        row.PackageSha256 = await HashAsync(partial, ct).ConfigureAwait(false);
        row.PackageBytes = new FileInfo(partial).Length;
        row.PackageFiles = manifest.Files.Count;
        row.PackageFile = name;
        row.ExpiresAt = now + DownloadFor;
        File.Move(partial, path, overwrite: true);
        return path;
    }

    private EvidenceManifest Manifest(EvidenceRequestRecord row, IncidentRecord incident, List<AlertRecord> alerts, IReadOnlyList<EvidenceFile> files, DateTimeOffset now) => new(
        EvidenceManifest.CurrentFormat,
        row.Id,
        now,
        signer.KeyId,
        EvidenceManifest.RedactedNotice,
        new EvidenceIncident(
            incident.Id,
            IncidentTypeNames.NameOf(incident.Type),
            incident.Priority,
            IncidentLifecycle.Name(incident.Status),
            incident.Location,
            incident.Latitude,
            incident.Longitude,
            incident.Summary,
            incident.ReceivedAt),
        row.RequestedBy,
        row.RequestedAt,
        row.Reason,
        row.DecidedBy!,
        row.DecidedAt!.Value,
        row.DecisionNote,
        alerts.Select(a => new EvidenceAlert(a.Id, a.CameraId, a.RuleId, RuleKindNames.NameOf(a.Kind), a.Severity.ToString().ToLowerInvariant(), a.OpenedAt, a.ClipFrom, a.ClipTo)).ToArray(),
        files);

    /// <summary>The incident's alerts and what of them would go into its package: the segments overlapping their clips, and their snapshots.</summary>
    private async Task<(List<AlertRecord> Alerts, List<EvidenceSource> Sources)> GatherAsync(VigilDbContext db, string incidentId, CancellationToken ct)
    {
        List<AlertRecord> alerts = await db.IncidentAlerts.AsNoTracking().Where(l => l.IncidentId == incidentId)
            .Join(db.Alerts.AsNoTracking(), l => l.AlertId, a => a.Id, (_, a) => a)
            .OrderBy(a => a.OpenedAt)
            .ToListAsync(ct).ConfigureAwait(false);
        DateTimeOffset now = clock.GetUtcNow();
        var segments = new Dictionary<string, (RecordingSegmentRecord Segment, List<string> AlertIds)>(StringComparer.Ordinal);
        var sources = new List<EvidenceSource>();
        foreach (AlertRecord alert in alerts)
        {
            if (alert.ClipFrom is { } from)
            {
                DateTimeOffset to = alert.ClipTo ?? now;
                foreach (RecordingSegmentRecord segment in await db.RecordingSegments.AsNoTracking()
                    .Where(s => s.CameraId == alert.CameraId && s.StartedAt < to && s.EndedAt > from)
                    .ToListAsync(ct).ConfigureAwait(false))
                {
                    if (!segments.TryGetValue(segment.Id, out var entry))
                    {
                        entry = (segment, []);
                        segments.Add(segment.Id, entry);
                    }

                    entry.AlertIds.Add(alert.Id);
                }
            }

            if (alert.Snapshot is { } snapshot && snapshots.PathOf(snapshot) is { } snapshotPath && File.Exists(snapshotPath))
            {
                sources.Add(new EvidenceSource($"snapshots/{alert.CameraId}/{alert.Id}.jpg", EvidenceFile.Snapshot, alert.CameraId, alert.OpenedAt, alert.OpenedAt, [alert.Id], snapshotPath, null));
            }
        }

        foreach ((RecordingSegmentRecord segment, List<string> alertIds) in segments.Values.OrderBy(s => s.Segment.CameraId, StringComparer.Ordinal).ThenBy(s => s.Segment.StartedAt))
        {
            if (recordings.PathOf(segment.File) is { } file)
            {
                string packagePath = string.Create(CultureInfo.InvariantCulture, $"clips/{segment.CameraId}/{segment.StartedAt.UtcDateTime:yyyyMMdd'T'HHmmss.fff'Z'}-{segment.Id[..8]}.mp4");
                sources.Add(new EvidenceSource(packagePath, EvidenceFile.Clip, segment.CameraId, segment.StartedAt, segment.EndedAt, alertIds, file, segment.Sha256));
            }
        }

        return (alerts, sources);
    }

    private static EvidenceRequestDto ToDto(EvidenceRequestRecord r, IncidentRecord incident, DateTimeOffset now) => new(
        r.Id,
        r.IncidentId,
        IncidentTypeNames.NameOf(incident.Type),
        incident.Summary,
        r.RequestedBy,
        r.RequestedAt,
        r.Reason,
        r.State.ToString().ToLowerInvariant(),
        r.DecidedBy,
        r.DecidedAt,
        r.DecisionNote,
        r.PackageSha256,
        r.PackageBytes,
        r.PackageFiles,
        r.ExpiresAt,
        r.State == ApprovalState.Approved && r.PackageFile is not null && r.ExpiresAt > now ? $"/api/evidence/{r.Id}/package" : null);

    private const string NoRequest = "No evidence request with that id.";

    private static Task<EvidenceRequestRecord?> FindAsync(VigilDbContext db, string requestId, CancellationToken ct) =>
        Ids.IsRecordId(requestId)
            ? db.EvidenceRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct)
            : Task.FromResult<EvidenceRequestRecord?>(null);

    private static string NoteDetail(string? note) => note is null ? "" : $": {note}";

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));
        }
    }

    private static void Discard(string? path)
    {
        if (path is not null)
        {
            File.Delete(path);
        }
    }
}
