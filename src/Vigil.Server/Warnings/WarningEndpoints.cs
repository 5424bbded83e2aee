using System.Security.Claims;
using Microsoft.Extensions.Options;
using Vigil.Server.Api;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;
using Vigil.Server.Hosting;

namespace Vigil.Server.Warnings;

/// <summary>
/// Public warnings: supervisors publish them from incidents (<c>/api/incidents/{id}/warnings</c>,
/// <c>/api/warnings/{id}/update|cancel</c>); anyone reads them as CAP 1.2 (<c>/cap/alerts.xml</c>).
/// </summary>
internal static class WarningEndpoints
{
    public const string CapContentType = "application/cap+xml; charset=utf-8";

    public static void MapWarningEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/incidents/{id}/warnings", async (string id, WarningRequest request, ClaimsPrincipal user, PublicWarningService warnings, CancellationToken ct) =>
            {
                Outcome<WarningDto> outcome = await warnings.IssueAsync(id, request, user.Identity!.Name!, ct).ConfigureAwait(false);
                return outcome.ToResult(outcome.Value?.DocumentUrl);
            })
            .WithTags("Warnings").WithName("IssueWarning")
            .WithSummary("Publishes a public warning (CAP 1.2 Alert) about the incident; it appears on the public feed at once.")
            .Produces<WarningDto>(StatusCodes.Status201Created)
            .RequireAuthorization(Policies.PublishWarnings);
        app.MapGet("/api/incidents/{id}/warnings", async (string id, PublicWarningService warnings, CancellationToken ct) =>
                Results.Ok(await warnings.ForIncidentAsync(id, ct).ConfigureAwait(false)))
            .WithTags("Warnings").WithName("ListIncidentWarnings").WithSummary("Every warning message published about the incident, oldest first.")
            .Produces<WarningDto[]>()
            .RequireAuthorization(Policies.ViewOperations);
        app.MapPost("/api/warnings/{id}/update", async (string id, WarningRequest request, ClaimsPrincipal user, PublicWarningService warnings, CancellationToken ct) =>
                (await warnings.UpdateAsync(id, request, user.Identity!.Name!, ct).ConfigureAwait(false)).ToResult())
            .WithTags("Warnings").WithName("UpdateWarning").WithSummary("Publishes a CAP Update of the warning (every field anew), referring to its earlier messages.")
            .Produces<WarningDto>(StatusCodes.Status201Created)
            .RequireAuthorization(Policies.PublishWarnings);
        app.MapPost("/api/warnings/{id}/cancel", async (string id, CancelWarningRequest request, ClaimsPrincipal user, PublicWarningService warnings, CancellationToken ct) =>
                (await warnings.CancelAsync(id, request.Reason, user.Identity!.Name!, ct).ConfigureAwait(false)).ToResult())
            .WithTags("Warnings").WithName("CancelWarning").WithSummary("Publishes a CAP Cancel of the warning, referring to its earlier messages.")
            .Produces<WarningDto>(StatusCodes.Status201Created)
            .RequireAuthorization(Policies.PublishWarnings);

        app.MapGet("/cap/alerts.xml", async (PublicWarningService warnings, IOptions<ServerOptions> options, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=30";
                ServerOptions o = options.Value;
                string feed = WarningFeed.Write(await warnings.CurrentAsync(ct).ConfigureAwait(false), o.ResolvedCapSender, $"Public warnings – {o.CapSenderName}", clock.GetUtcNow());
                return Results.Text(feed, "application/atom+xml; charset=utf-8");
            })
            .WithTags("Warnings").WithName("GetWarningFeed")
            .WithSummary("The public warnings in force (and those ended in the last 24 hours) as an Atom feed of CAP 1.2 messages. No sign-in.")
            .Produces<string>(StatusCodes.Status200OK, "application/atom+xml")
            .AllowAnonymous();
        app.MapGet("/cap/alerts/{id}.xml", async (string id, PublicWarningService warnings, CancellationToken ct) =>
                await warnings.DocumentAsync(id, ct).ConfigureAwait(false) is { } document
                    ? Results.Text(document, CapContentType)
                    : Problems.NotFound($"No published warning message '{id}'."))
            .WithTags("Warnings").WithName("GetWarningDocument").WithSummary("One published warning message, exactly as published (CAP 1.2 XML). No sign-in.")
            .Produces<string>(StatusCodes.Status200OK, "application/cap+xml")
            .AllowAnonymous();
    }
}
