using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Data.Entities;
using Vigil.Domain.Alerts;
using Vigil.Domain.Audit;
using Vigil.Domain.Rules;
using Vigil.Server.Alerts;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;

namespace Vigil.Server.Api;

/// <summary><c>/api/alerts</c>: the alert queue, one alert, its redacted snapshot, and operators' actions.</summary>
internal static class AlertEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxNoteLength = 1000;

    public static void MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder alerts = app.MapGroup("/api/alerts").WithTags("Alerts");
        alerts.MapGet("/", ListAsync)
            .WithName("ListAlerts").WithSummary("Alerts, newest first, filtered by camera, rule, state (comma-separated), severity and time; page with 'before'.")
            .RequireAuthorization(Policies.ViewOperations);
        alerts.MapGet("/{id}", GetAsync)
            .WithName("GetAlert").WithSummary("One alert.")
            .RequireAuthorization(Policies.ViewOperations);
        alerts.MapGet("/{id}/snapshot.jpg", SnapshotAsync)
            .WithName("GetAlertSnapshot").WithSummary("The redacted frame taken when the alert fired.")
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg")
            .RequireAuthorization(Policies.ViewOperations);
        MapAction(alerts, "acknowledge", AlertState.Acknowledged, "AcknowledgeAlert", "An operator has seen the alert and is looking into it.");
        MapAction(alerts, "dismiss", AlertState.Dismissed, "DismissAlert", "Nothing to act on (false alarm, already handled).");
        MapAction(alerts, "escalate", AlertState.Escalated, "EscalateAlert", "The alert needs a response: it goes on to become an incident.");
    }

    private static void MapAction(RouteGroupBuilder alerts, string verb, AlertState to, string name, string summary) =>
        alerts.MapPost($"/{{id}}/{verb}", (string id, [FromBody] AlertActionRequest? request, ClaimsPrincipal user, AlertActions actions, CancellationToken ct) =>
                ActAsync(id, to, request, user, actions, ct))
            .WithName(name).WithSummary(summary)
            .RequireAuthorization(Policies.HandleAlerts);

    private static async Task<IResult> ActAsync(string id, AlertState to, AlertActionRequest? request, ClaimsPrincipal user, AlertActions actions, CancellationToken cancellationToken)
    {
        if (!Ids.IsRecordId(id))
        {
            return NoAlert(id);
        }

        if (Problems.CheckText(request?.Note, MaxNoteLength) is { } problem)
        {
            return Problems.Invalid("note", problem);
        }

        return (await actions.ApplyAsync(id, to, user.Identity!.Name!, request, cancellationToken).ConfigureAwait(false)).ToResult();
    }

    private static async Task<IResult> ListAsync(
        VigilDbContext db,
        string? camera,
        string? rule,
        string? state,
        string? severity,
        DateTimeOffset? since,
        string? before,
        int? limit,
        CancellationToken cancellationToken)
    {
        int take = limit ?? DefaultPageSize;
        if (take is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("limit", $"must be between 1 and {MaxPageSize}");
        }

        if (before is not null && !Ids.IsRecordId(before))
        {
            return Problems.Invalid("before", "must be an alert id (the 'next' of the previous page)");
        }

        IQueryable<AlertRecord> query = db.Alerts.AsNoTracking();
        if (camera is not null)
        {
            query = query.Where(a => a.CameraId == camera);
        }

        if (rule is not null)
        {
            query = query.Where(a => a.RuleId == rule);
        }

        if (state is not null)
        {
            if (!TryParseAll(state, out AlertState[] states))
            {
                return Problems.Invalid("state", $"'{state}' is not a list of states ({string.Join(", ", Enum.GetNames<AlertState>().Select(n => n.ToLowerInvariant()))})");
            }

            query = query.Where(a => states.Contains(a.State));
        }

        if (severity is not null)
        {
            if (!TryParseAll(severity, out Severity[] severities))
            {
                return Problems.Invalid("severity", $"'{severity}' is not a list of severities ({string.Join(", ", Enum.GetNames<Severity>().Select(n => n.ToLowerInvariant()))})");
            }

            query = query.Where(a => severities.Contains(a.Severity));
        }

        if (since is { } from)
        {
            query = query.Where(a => a.OpenedAt >= from);
        }

        if (before is not null)
        {
            query = query.Where(a => string.Compare(a.Id, before) < 0);
        }

        List<AlertRecord> page = await query.OrderByDescending(a => a.Id).Take(take + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        string? next = page.Count > take ? page[take - 1].Id : null;
        return TypedResults.Ok(new AlertPage(page.Take(take).Select(AlertDto.From).ToArray(), next));
    }

    private static async Task<IResult> GetAsync(string id, VigilDbContext db, CancellationToken cancellationToken) =>
        Ids.IsRecordId(id) && await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false) is { } alert
            ? TypedResults.Ok(AlertDto.From(alert))
            : NoAlert(id);

    private static async Task<IResult> SnapshotAsync(string id, ClaimsPrincipal user, VigilDbContext db, AuditLog audit, SnapshotStore snapshots, CancellationToken cancellationToken)
    {
        if (!Ids.IsRecordId(id) || await db.Alerts.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Snapshot }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is not { } alert)
        {
            return NoAlert(id);
        }

        if (alert.Snapshot is null || snapshots.PathOf(alert.Snapshot) is not { } path || !File.Exists(path))
        {
            return Problems.NotFound($"Alert '{id}' has no snapshot (none was taken, or retention has deleted it).");
        }

        await audit.AppendAsync(db, user.Identity?.Name ?? "unknown", AuditActions.SnapshotViewed, $"alert/{id}", null, cancellationToken).ConfigureAwait(false);
        return Results.File(path, "image/jpeg");
    }

    private static bool TryParseAll<T>(string text, out T[] values)
        where T : struct, Enum
    {
        string[] parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        values = new T[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            // Names only: "1" is not a state.
            if (!Enum.TryParse(parts[i], ignoreCase: true, out values[i]) || !Enum.IsDefined(values[i]) || char.IsDigit(parts[i][0]))
            {
                return false;
            }
        }

        return parts.Length > 0;
    }

    private static ProblemHttpResult NoAlert(string id) =>
        TypedResults.Problem(detail: Ids.IsRecordId(id) ? $"No alert '{id}'." : "No alert with that id (alert ids are 32 hex digits).", statusCode: StatusCodes.Status404NotFound);
}
