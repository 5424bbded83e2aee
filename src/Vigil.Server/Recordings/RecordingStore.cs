using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Data;
using Vigil.Data.Entities;
using Vigil.Server.Hosting;
using Vigil.Vision.Recording;

namespace Vigil.Server.Recordings;

/// <summary>
/// The cameras' recordings on disk (<c>DATA/media/recordings/CAMERA/YYYY-MM-DD/HH/MM.SS.fff.mp4</c>)
/// and their index in the database. A file is complete under its real name before its row is
/// written; the row goes before the file. After a crash, <see cref="SweepLeftoversAsync"/> removes
/// half-written files and rows whose file is gone, so no row ever points at a missing or truncated file.
/// </summary>
internal sealed class RecordingStore(IOptions<ServerOptions> options, IDbContextFactory<VigilDbContext> contexts, TimeProvider clock)
{
    public string Root { get; } = Path.Combine(options.Value.ResolvedDataDirectory, "media", "recordings");

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

    /// <summary>The file of an index entry, or null when the name would leave the recordings folder.</summary>
    public string? PathOf(string file)
    {
        string full = Path.GetFullPath(Path.Combine(Root, file));
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
