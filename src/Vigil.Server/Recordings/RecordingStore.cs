using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;
using Vigil.Server.Hosting;
using Vigil.Vision.Recording;


namespace Vigil.Server.Recordings;

/// <summary>
/// The cameras' recordings on disk (<c>DATA/media/recordings/CAMERA/YYYY-MM-DD/HH/MM.SS.fff.mp4</c>)
/// and their index in the database. A file is complete under its real name before its row is
/// written; the row goes before the file. After a crash, <see cref="SweepLeftoversAsync"/> removes
/// half-written files and rows whose file is gone, so no row ever points at a missing or truncated file.
/// </summary>
internal sealed class RecordingStore(IOptions<ServerOptions> options, IDbContextFactory<VigilDbContext> contexts, AuditLog audit, TimeProvider clock)
{
    public string Root { get; } = Path.Combine(options.Value.ResolvedDataDirectory, "media", "recordings");

    /// <summary>Paused by the storage guard when the floor cannot be kept; every camera's recorder honours it.</summary>
    public RecordingSpace Space { get; } = new();

    /// <summary>Indexes a finished segment (idempotent: the file name is unique).</summary>
    public async Task IndexAsync(RecordedSegment segment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (await db.RecordingSegments.AnyAsync(s => s.File == segment.File, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            db.RecordingSegments.Add(new RecordingSegmentRecord
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()).ToString("N"),
                CameraId = segment.CameraId,
                File = segment.File,
                StartedAt = segment.Start,
                EndedAt = segment.End,
                Bytes = segment.Bytes,
                Sha256 = segment.Sha256,
                Kind = segment.Kind,
            });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// At start, before any camera records: half-written files (<c>.partial</c>, left by a crash) and
    /// finished files that never got their row (a crash between the rename and the index) are
    /// deleted, and rows whose file is gone are dropped. Returns how many files and rows.
    /// </summary>
    public async Task<(int Files, int Rows)> SweepLeftoversAsync(CancellationToken cancellationToken)
    {
        VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            List<RecordingSegmentRecord> rows = await db.RecordingSegments.ToListAsync(cancellationToken).ConfigureAwait(false);
            var indexed = rows.Select(r => r.File).ToHashSet(StringComparer.Ordinal);
            int files = 0;
            if (Directory.Exists(Root))
            {
                foreach (string path in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
                {
                    string name = Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');
                    if (name.EndsWith(SegmentRecorder.PartialSuffix, StringComparison.Ordinal) || !indexed.Contains(name))
                    {
                        File.Delete(path);
                        files++;
                    }
                }
            }

            List<RecordingSegmentRecord> missing = rows.Where(r => PathOf(r.File) is not { } path || !File.Exists(path)).ToList();
            db.RecordingSegments.RemoveRange(missing);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return (files, missing.Count);
        }
    }

    /// <summary>
    /// Segments that no evidence hold keeps: none of them overlaps the clip of an alert that an open
    /// incident (or its evidence period) holds. Retention and the storage guard delete only these.
    /// </summary>
    public static IQueryable<RecordingSegmentRecord> Unheld(VigilDbContext db, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.RecordingSegments.Where(r => !db.Alerts.Any(a =>
            a.CameraId == r.CameraId && a.ClipFrom != null && a.ClipFrom < r.EndedAt && (a.ClipTo == null || a.ClipTo > r.StartedAt)
            && db.EvidenceHolds.Any(h => h.AlertId == a.Id && (h.HoldUntil == null || h.HoldUntil > now))));
    }

    /// <summary>
    /// Deletes segments: their rows and one audit entry in one transaction, then the files (a file
    /// that outlives a crash has no row and goes at the next start's sweep). Returns how many.
    /// </summary>
    public async Task<int> DeleteAsync(VigilDbContext db, IReadOnlyCollection<RecordingSegmentRecord> segments, string actor, string target, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(segments);
        db.RecordingSegments.RemoveRange(segments);
        await audit.SaveWithAsync(db, actor, AuditActions.MediaDeleted, target, detail, cancellationToken).ConfigureAwait(false);
        foreach (RecordingSegmentRecord row in segments)
        {
            if (PathOf(row.File) is { } path)
            {
                File.Delete(path);
            }
        }

        return segments.Count;
    }

    /// <summary>The file of an index entry, or null when the name would leave the recordings folder.</summary>
    public string? PathOf(string file)
    {
        string full = Path.GetFullPath(Path.Combine(Root, file));
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
