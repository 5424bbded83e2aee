using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Domain.Audit;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;
using Vigil.Server.Pipelines;
using Vigil.Vision.Pipeline;
using Vigil.Vision.Redaction;

namespace Vigil.Server.Api;

/// <summary><c>/api/cameras</c>: the cameras, their states, and their redacted live view.</summary>
internal static class CameraEndpoints
{
    private const string Boundary = "vigilframe";
    private static readonly TimeSpan s_frameWait = TimeSpan.FromSeconds(5);
    private static readonly byte[] s_partEnd = "\r\n"u8.ToArray();

    public static void MapCameraEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder cameras = app.MapGroup("/api/cameras").WithTags("Cameras");
        cameras.MapGet("/", (CameraRegistry registry) => TypedResults.Ok(registry.All.Select(CameraDto.From).ToArray()))
            .WithName("ListCameras").WithSummary("Every configured camera with its purpose and current state.")
            .RequireAuthorization(Policies.ViewOperations);
        cameras.MapGet("/{id}", Results<Ok<CameraDto>, ProblemHttpResult> (string id, CameraRegistry registry) =>
                Find(registry, id) is { } camera ? TypedResults.Ok(CameraDto.From(camera)) : NotFound(id))
            .WithName("GetCamera").WithSummary("One camera and its current state.")
            .RequireAuthorization(Policies.ViewOperations);
        cameras.MapGet("/{id}/live.mjpeg", LiveAsync)
            .WithName("WatchCameraLive").WithSummary("The camera's redacted live video as MJPEG (multipart/x-mixed-replace); frames are encoded only while someone watches.")
            .Produces<Stream>(StatusCodes.Status200OK, "multipart/x-mixed-replace")
            .RequireAuthorization(Policies.WatchLive);
        cameras.MapGet("/{id}/frame.jpg", FrameAsync)
            .WithName("GetCameraFrame").WithSummary("The camera's current redacted frame as one JPEG.")
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg")
            .RequireAuthorization(Policies.WatchLive);
    }

    private static async Task<IResult> LiveAsync(string id, CameraRegistry registry, HttpContext http, VigilDbContext db, AuditLog audit, SessionWatch sessions, TimeProvider clock)
    {
        if (Find(registry, id) is not { } camera)
        {
            return NotFound(id);
        }

        if (NotLive(camera) is { } problem || camera.Live is not { } feed)
        {
            return NotLive(camera) ?? Problems.Unavailable($"Camera '{camera.Camera.Id}' is not running.");
        }

        CancellationToken aborted = http.RequestAborted;
        string actor = Principals.ActorOf(http.User);
        await audit.AppendAsync(db, actor, AuditActions.LiveViewOpened, $"camera/{camera.Camera.Id}", null, aborted).ConfigureAwait(false);
        long opened = clock.GetTimestamp();
        using IDisposable viewer = feed.Watch();

        // Signed out, disabled, re-roled or revoked while watching: the stream ends within seconds.
        using IDisposable session = sessions.Watch(http.User, http.Abort);
        HttpResponse response = http.Response;
        response.ContentType = $"multipart/x-mixed-replace; boundary={Boundary}";
        response.Headers.CacheControl = "no-store";
        long version = 0;
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                (RedactedJpeg jpeg, version) = await feed.NextAsync(version, aborted).ConfigureAwait(false);
                byte[] header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {jpeg.Length}\r\n\r\n"));
                await response.Body.WriteAsync(header, aborted).ConfigureAwait(false);
                await response.Body.WriteAsync(jpeg.Bytes, aborted).ConfigureAwait(false);
                await response.Body.WriteAsync(s_partEnd, aborted).ConfigureAwait(false);
                await response.Body.FlushAsync(aborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The viewer went away.
        }
        finally
        {
            // The close is recorded even though the request is gone.
            await audit.AppendAsync(db, actor, AuditActions.LiveViewClosed, $"camera/{camera.Camera.Id}", $"{clock.GetElapsedTime(opened).TotalSeconds:0} s", CancellationToken.None).ConfigureAwait(false);
        }

        return Results.Empty;
    }

    private static async Task<IResult> FrameAsync(string id, CameraRegistry registry, ClaimsPrincipal user, VigilDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (Find(registry, id) is not { } camera)
        {
            return NotFound(id);
        }

        if (NotLive(camera) is { } problem || camera.Live is not { } feed)
        {
            return NotLive(camera) ?? Problems.Unavailable($"Camera '{camera.Camera.Id}' is not running.");
        }

        using IDisposable viewer = feed.Watch();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_frameWait);
        try
        {
            (RedactedJpeg jpeg, _) = await feed.NextAsync(feed.FramesEncoded, timeout.Token).ConfigureAwait(false);
            await audit.AppendAsync(db, Principals.ActorOf(user), AuditActions.FrameViewed, $"camera/{camera.Camera.Id}", null, cancellationToken).ConfigureAwait(false);
            return Results.Bytes(jpeg.Bytes, "image/jpeg");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Problems.Unavailable($"Camera '{id}' produced no frame within {s_frameWait.TotalSeconds:0} s.");
        }
    }

    private static IResult? NotLive(CameraRuntime camera) =>
        camera.Session is null
            ? Problems.Unavailable($"Camera '{camera.Camera.Id}' is not running: {camera.State.Reason ?? camera.State.State}.")
            : camera.Session.Status.State is CameraState.Failed or CameraState.Stopped
                ? Problems.Unavailable($"Camera '{camera.Camera.Id}' is {camera.State.State}: {camera.State.Reason}.")
                : null;

    private static CameraRuntime? Find(CameraRegistry registry, string id) => Ids.IsSlug(id) ? registry.Find(id) : null;

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(detail: Ids.IsSlug(id) ? $"No camera '{id}'." : "No camera with that id (camera ids are letters, digits, '-' and '_').", statusCode: StatusCodes.Status404NotFound);
}
