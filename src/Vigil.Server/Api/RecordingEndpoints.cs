using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;
using Vigil.Server.Pipelines;
using Vigil.Server.Recordings;

namespace Vigil.Server.Api;

/// <summary>
/// Recorded footage (always the redacted picture): a camera's timeline (what was recorded, the
/// gaps, the alerts), a playback (audited: who, which camera, which range) and the segment files
/// the player fetches within it, as MP4 with range requests (Chromium plays them without plugins).
/// </summary>
internal static class RecordingEndpoints
{
    /// <summary>The longest range one timeline or playback covers.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromHours(24);
    private const int MaxSegments = 10_000;
    private const int MaxMarkers = 1_000;

    public static void MapRecordingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cameras/{id}/recordings", ListAsync)
            .WithTags("Recordings").WithName("ListRecordings")
            .WithSummary("A camera's timeline for a range (from, to; at most 24 h): recorded segments, their gaps, and the alerts with their clips. No pixels.")
            .Produces<RecordingIndexDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.ViewOperations);
        app.MapPost("/api/cameras/{id}/playback", PlayAsync)
            .WithTags("Recordings").WithName("PlayRecordings")
            .WithSummary("Plays a camera's recorded footage for a range (at most 24 h): audited, and grants this user the segments for an hour.")
            .Produces<PlaybackDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.WatchLive);
        app.MapGet("/api/recordings/{id}", SegmentAsync)
            .WithTags("Recordings").WithName("GetRecordingSegment")
            .WithSummary("One recorded segment as MP4 (range requests), only within a playback of this user that covers it.")
            .Produces<Stream>(StatusCodes.Status200OK, "video/mp4").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.WatchLive);
    }

    private static async Task<IResult> ListAsync(string id, string? from, string? to, CameraRegistry registry, VigilDbContext db, CancellationToken cancellationToken)
    {
        if (Find(registry, id) is null)
        {
            return NoCamera(id);
        }

        IResult? fromProblem = TimeProblem("from", from, out DateTimeOffset? start0);
        IResult? toProblem = TimeProblem("to", to, out DateTimeOffset? end0);
        IResult? problem = fromProblem ?? toProblem ?? RangeProblem(start0, end0);
        if (problem is not null)
        {
            return problem;
        }

        DateTimeOffset start = start0!.Value, end = end0!.Value;
        List<RecordedSegmentDto> segments = await SegmentsAsync(db, id, start, end, cancellationToken).ConfigureAwait(false);
        List<ClipMarkerDto> alerts = (await db.Alerts.AsNoTracking()
                .Where(a => a.CameraId == id && a.ClipFrom != null && a.ClipFrom < end && (a.ClipTo == null || a.ClipTo > start))
                .OrderBy(a => a.Id)
                .Take(MaxMarkers)
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(a => new ClipMarkerDto(a.Id, a.RuleId, a.Severity, a.OpenedAt, a.ClipFrom!.Value, a.ClipTo))
            .ToList();
        return TypedResults.Ok(new RecordingIndexDto(id, start, end, segments, alerts));
    }

    private static async Task<IResult> PlayAsync(string id, PlaybackRequest request, CameraRegistry registry, PlaybackGrants grants, ClaimsPrincipal user, VigilDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (Find(registry, id) is null)
        {
            return NoCamera(id);
        }

        if (RangeProblem(request.From, request.To) is { } problem)
        {
            return problem;
        }

        DateTimeOffset start = request.From!.Value, end = request.To!.Value;
        List<RecordedSegmentDto> segments = await SegmentsAsync(db, id, start, end, cancellationToken).ConfigureAwait(false);
        string detail = string.Create(CultureInfo.InvariantCulture, $"{start.UtcDateTime:u} to {end.UtcDateTime:u} ({segments.Count} segment(s))");
        await audit.AppendAsync(db, Principals.ActorOf(user), AuditActions.RecordingViewed, $"camera/{id}", detail, cancellationToken).ConfigureAwait(false);
        DateTimeOffset expires = grants.Grant(Principals.IdOf(user), id, start, end);
        return TypedResults.Ok(new PlaybackDto(id, start, end, expires, segments));
    }

    private static async Task<IResult> SegmentAsync(string id, PlaybackGrants grants, RecordingStore recordings, ClaimsPrincipal user, HttpContext http, VigilDbContext db, CancellationToken cancellationToken)
    {
        RecordingSegmentRecord? segment = Ids.IsRecordId(id)
            ? await db.RecordingSegments.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false)
            : null;
        if (segment is null || recordings.PathOf(segment.File) is not { } path || !File.Exists(path))
        {
            return Problems.NotFound("No recorded segment with that id (it may have reached the end of its retention).");
        }

        if (!grants.Allows(Principals.IdOf(user), segment.CameraId, segment.StartedAt, segment.EndedAt))
        {
            return Results.Problem(
                detail: $"Open a playback that covers this footage first (POST /api/cameras/{segment.CameraId}/playback, which is audited).",
                statusCode: StatusCodes.Status403Forbidden);
        }

        http.Response.Headers.CacheControl = "private, no-store";
        return Results.File(path, "video/mp4", enableRangeProcessing: true);
    }

    private static Task<List<RecordedSegmentDto>> SegmentsAsync(VigilDbContext db, string cameraId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        db.RecordingSegments.AsNoTracking()
            .Where(s => s.CameraId == cameraId && s.StartedAt < to && s.EndedAt > from)
            .OrderBy(s => s.StartedAt)
            .Take(MaxSegments)
            .Select(s => new RecordedSegmentDto(s.Id, s.StartedAt, s.EndedAt, s.Kind, s.Bytes, s.Sha256, "/api/recordings/" + s.Id))
            .ToListAsync(cancellationToken);

    /// <summary>A query's time, or why it is not one (a missing one is left to <see cref="RangeProblem"/>).</summary>
    private static IResult? TimeProblem(string field, string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
        {
            time = parsed;
            return null;
        }

        return Problems.Invalid(field, "not an ISO 8601 time; write e.g. 2026-12-01T10:00:00Z");
    }

    /// <summary>Why a range cannot be served (missing, reversed, longer than a day), or null.</summary>
    private static IResult? RangeProblem(DateTimeOffset? from, DateTimeOffset? to) =>
        from is null ? Problems.Invalid("from", "required: the start of the range as an ISO 8601 time, e.g. 2026-12-01T10:00:00Z")
        : to is null ? Problems.Invalid("to", "required: the end of the range as an ISO 8601 time, e.g. 2026-12-01T11:00:00Z")
        : to <= from ? Problems.Invalid("to", "must be after 'from' (the range is reversed or empty)")
        : to - from > MaxRange ? Problems.Invalid("to", $"a range is at most {MaxRange.TotalHours:0} hours; ask for several ranges")
        : null;

    private static CameraRuntime? Find(CameraRegistry registry, string id) => Ids.IsSlug(id) ? registry.Find(id) : null;

    private static IResult NoCamera(string id) =>
        Problems.NotFound(Ids.IsSlug(id) ? $"No camera '{id}'." : "No camera with that id (camera ids are letters, digits, '-' and '_').");
}
