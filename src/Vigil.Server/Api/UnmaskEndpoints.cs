using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Vigil.Domain.Evidence;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;
using Vigil.Server.Hosting;
using Vigil.Server.Originals;
using Vigil.Vision.Recording;

namespace Vigil.Server.Api;

/// <summary>
/// Unmasking under dual control (issue 22): an operator or supervisor asks to see a camera's originals
/// for a range of an incident, an auditor decides, and only the requester watches, watermarked, for a
/// limited time, as MJPEG (no download); ending the view ends its streams at once.
/// </summary>
internal static class UnmaskEndpoints
{
    private const string Boundary = "vigilframe";
    private static readonly byte[] s_partEnd = "\r\n"u8.ToArray();

    public static void MapUnmaskEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/incidents/{id}/unmask", async (string id, UnmaskRequest request, ClaimsPrincipal user, UnmaskService unmask, CancellationToken ct) =>
            {
                Outcome<UnmaskRequestDto> outcome = await unmask.RequestAsync(id, request, user, ct).ConfigureAwait(false);
                return outcome.ToResult(outcome.Value is { } created ? $"/api/unmask/{created.Id}" : null);
            })
            .WithTags("Unmasking").WithName("RequestUnmask")
            .WithSummary("Asks to see a camera's original (unredacted) footage for at most 10 minutes of this incident, with a reason: an auditor approves or refuses before anything is shown (dual control; audited).")
            .Produces<UnmaskRequestDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.RequestUnmask);
        app.MapGet("/api/unmask", async (string? incident, string? state, ClaimsPrincipal user, UnmaskService unmask, CancellationToken ct) =>
                ApprovalStates.TryParse(state, out ApprovalState? filter) ?? Results.Ok(await unmask.ListAsync(incident, filter, user, ct).ConfigureAwait(false)))
            .WithTags("Unmasking").WithName("ListUnmaskRequests")
            .WithSummary("Unmask requests, newest first: every one for auditors (state=pending is their queue), one's own for anyone else. No pixels.")
            .Produces<UnmaskRequestDto[]>().ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthorization(Policies.ViewUnmaskRequests);
        app.MapPost("/api/unmask/{id}/decision", async (string id, EvidenceDecisionRequest request, ClaimsPrincipal user, UnmaskService unmask, CancellationToken ct) =>
                (await unmask.DecideAsync(id, request.Approve, request.Note, user, ct).ConfigureAwait(false)).ToResult())
            .WithTags("Unmasking").WithName("DecideUnmaskRequest")
            .WithSummary("An auditor approves (its requester may watch for 30 minutes) or refuses (with a note) an unmask request; never their own, and never an admin. Audited; a decision is final.")
            .Produces<UnmaskRequestDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.DecideRequests);
        app.MapPost("/api/unmask/{id}/revoke", async (string id, ClaimsPrincipal user, UnmaskService unmask, CancellationToken ct) =>
                (await unmask.RevokeAsync(id, user, ct).ConfigureAwait(false)).ToResult())
            .WithTags("Unmasking").WithName("RevokeUnmaskView")
            .WithSummary("Ends an approved unmask view before its time (its requester, or an auditor): every open stream of it ends at once. Audited.")
            .Produces<UnmaskRequestDto>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.ViewUnmaskRequests);
        app.MapGet("/api/unmask/{id}/view", ViewAsync)
            .WithTags("Unmasking").WithName("WatchUnmaskedOriginal")
            .WithSummary("The approved range of the camera's originals, for its requester only, until the view ends: MJPEG (multipart/x-mixed-replace) at the footage's own rate, every frame watermarked with the viewer and the request. No download. Audited, with the minutes watched.")
            .Produces<Stream>(StatusCodes.Status200OK, "multipart/x-mixed-replace").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.RequestUnmask);
    }

    private static async Task<IResult> ViewAsync(string id, HttpContext http, UnmaskService unmask, OriginalStore store, UnmaskViews views, SessionWatch sessions, IOptions<ServerOptions> options, TimeProvider clock, ILogger<UnmaskService> logger)
    {
        CancellationToken aborted = http.RequestAborted;
        Outcome<UnmaskGrant> outcome = await unmask.OpenViewAsync(id, http.User, aborted).ConfigureAwait(false);
        if (outcome.Value is not { } grant)
        {
            return outcome.ToResult();
        }

        if (await store.VerifyRangeAsync(grant.CameraId, grant.From, grant.To, aborted).ConfigureAwait(false) is { } broken)
        {
            ServerLog.OriginalIntegrityFailed(logger, grant.CameraId, grant.RequestId, broken);
            return Problems.Conflict($"An original segment of this range does not authenticate and is not played ({broken}); the incident is recorded in the log.");
        }

        using var expiry = new CancellationTokenSource(Max(grant.Until - clock.GetUtcNow(), TimeSpan.Zero), clock);
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(aborted, expiry.Token);
        using IDisposable registration = views.Register(grant.RequestId, stream);
        using IDisposable session = sessions.Watch(http.User, http.Abort);
        HttpResponse response = http.Response;
        response.ContentType = $"multipart/x-mixed-replace; boundary={Boundary}";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentDisposition = "inline";
        long opened = clock.GetTimestamp();
        TimeSpan footage = TimeSpan.Zero;
        try
        {
            await foreach (WatermarkedJpeg jpeg in OriginalPlayback.PlayAsync(store.OpenRangeAsync(grant.CameraId, grant.From, grant.To, stream.Token), grant.Watermark, options.Value.JpegQuality, stream.Token).ConfigureAwait(false))
            {
                if (clock.GetUtcNow() >= grant.Until)
                {
                    break;
                }

                byte[] header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {jpeg.Bytes.Length}\r\n\r\n"));
                await response.Body.WriteAsync(header, stream.Token).ConfigureAwait(false);
                await response.Body.WriteAsync(jpeg.Bytes, stream.Token).ConfigureAwait(false);
                await response.Body.WriteAsync(s_partEnd, stream.Token).ConfigureAwait(false);
                await response.Body.FlushAsync(stream.Token).ConfigureAwait(false);
                footage = jpeg.At;
            }
        }
        catch (OperationCanceledException) when (stream.IsCancellationRequested)
        {
            // The viewer left, the view expired, or it was revoked.
        }
        finally
        {
            await unmask.RecordViewingAsync(grant, Principals.ActorOf(http.User), clock.GetElapsedTime(opened), footage, CancellationToken.None).ConfigureAwait(false);
        }

        return Results.Empty;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
