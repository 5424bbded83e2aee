using System.Text;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Server.Alerts;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Auth;
using Vigil.Server.Persistence;
using Vigil.Server.Pipelines;
using Vigil.Vision.Pipeline;

namespace Vigil.Server.Observability;

/// <summary><c>/health</c> (anonymous: states only, nothing about what cameras see) and <c>/metrics</c> (Prometheus).</summary>
internal static class ObservabilityEndpoints
{
    public static void MapObservabilityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", HealthAsync)
            .WithTags("Operations").WithName("GetHealth").WithSummary("Each camera's state and whether the database answers; 503 when it does not.")
            .Produces<HealthReport>().Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable)
            .AllowAnonymous();
        app.MapGet("/metrics", (ServerMetrics metrics, CameraRegistry cameras, AlertWriter writer, AuditLog audit, WalCheckpointService wal) =>
                Results.Text(Render(metrics, cameras, writer, audit, wal), PrometheusText.ContentType, Encoding.UTF8))
            .WithTags("Operations").WithName("GetMetrics").WithSummary("Prometheus text exposition.")
            .Produces<string>(contentType: "text/plain")
            .RequireAuthorization(Policies.ReadMetrics);
    }

    private static async Task<IResult> HealthAsync(VigilDbContextFactory contexts, CameraRegistry cameras, CancellationToken cancellationToken)
    {
        DatabaseHealth database;
        try
        {
            VigilDbContext db = contexts.CreateDbContext();
            await using (db.ConfigureAwait(false))
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                bool reachable = await db.Database.CanConnectAsync(timeout.Token).ConfigureAwait(false);
                database = new DatabaseHealth(reachable, contexts.Settings.Provider.ToString().ToLowerInvariant(), reachable ? null : "cannot connect");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            database = new DatabaseHealth(false, contexts.Settings.Provider.ToString().ToLowerInvariant(), ex is OperationCanceledException ? "the database did not answer within 3 s" : "the database refused the connection");
        }

        CameraHealthDto[] states = cameras.All.Select(c => CameraHealthDto.From(c.State)).ToArray();
        string status = !database.Reachable ? "unhealthy" : states.Any(s => s.State is not "live") ? "degraded" : "ok";
        return Results.Json(new HealthReport(status, database, states), statusCode: database.Reachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static string Render(ServerMetrics metrics, CameraRegistry cameras, AlertWriter writer, AuditLog audit, WalCheckpointService wal)
    {
        var text = new StringBuilder(4096);
        WritePerCamera(text, cameras, "vigil_frames_decoded_total", "Frames the decoders delivered.", "counter", c => c.Session?.FramesDecoded ?? 0);
        WritePerCamera(text, cameras, "vigil_frames_processed_total", "Frames analysed and redacted.", "counter", c => c.Session?.FramesProcessed ?? 0);
        WritePerCamera(text, cameras, "vigil_frames_dropped_total", "Frames skipped by design because a newer one arrived.", "counter", c => c.Session?.FramesDropped ?? 0);
        WritePerCamera(text, cameras, "vigil_frames_failed_total", "Frames that could not be analysed or redacted.", "counter", c => c.Session?.FramesFailed ?? 0);
        WritePerCamera(text, cameras, "vigil_camera_faults_total", "Unexpected errors in a camera's loop (the camera reconnected).", "counter", c => c.Session?.Faults ?? 0);
        WritePerCamera(text, cameras, "vigil_camera_reconnects_total", "Times a camera's stream was reopened.", "counter", c => c.Session?.Reconnects ?? 0);
        WritePerCamera(text, cameras, "vigil_camera_live", "1 when the camera is live, else 0.", "gauge", c => c.State.State == "live" ? 1 : 0);
        WritePerCamera(text, cameras, "vigil_live_viewers", "Clients watching the camera's live view.", "gauge", c => c.Live?.Viewers ?? 0);
        WritePerCamera(text, cameras, "vigil_detections_total", "Objects the detector found.", "counter", c => c.Session?.Detections ?? 0);
        metrics.InferenceSeconds.WriteTo(text);
        Histogram.Write(text, "vigil_pipeline_lag_seconds", "From a frame's decode to the end of its chain (analysis, rules, alerts, redaction).", cameras.All.Select(c => c.Session?.LagSeconds).OfType<BucketCounts>().ToArray());
        metrics.Alerts.WriteTo(text);
        PrometheusText.Single(text, "vigil_alert_changes_stored_total", "Alert changes written to the database.", "counter", writer.Stored);
        metrics.AlertWriteFailures.WriteTo(text);
        metrics.SensorReadings.WriteTo(text);
        metrics.SensorReadingsRefused.WriteTo(text);
        metrics.SensorEvents.WriteTo(text);
        metrics.OriginalSegments.WriteTo(text);
        metrics.MqttPublished.WriteTo(text);
        metrics.MqttDropped.WriteTo(text);
        metrics.HttpRequests.WriteTo(text);
        metrics.HttpSeconds.WriteTo(text);
        WriteAudit(text, audit);
        if (wal.Active)
        {
            WriteWal(text, wal);
        }

        return text.ToString();
    }

    private static void WriteWal(StringBuilder text, WalCheckpointService wal)
    {
        PrometheusText.Single(text, "vigil_sqlite_wal_checkpoints_total", "Passes that copied SQLite's write-ahead log into the database file.", "counter", wal.Passes);
        PrometheusText.Single(text, "vigil_sqlite_wal_checkpoint_failures_total", "Passes that failed (commits copy the log themselves past the backstop).", "counter", wal.Failures);
        PrometheusText.Single(text, "vigil_sqlite_wal_frames", "Pages in the write-ahead log at the last pass.", "gauge", wal.LogFrames);
        PrometheusText.Single(text, "vigil_sqlite_wal_pending_frames", "Pages the last pass could not copy yet: readers still needed the pages they replace.", "gauge", wal.PendingFrames);
    }

    private static void WriteAudit(StringBuilder text, AuditLog audit)
    {
        PrometheusText.Single(text, "vigil_audit_entries_total", "Audit entries this host appended.", "counter", audit.Appended);
        PrometheusText.Single(text, "vigil_audit_commits_total", "Transactions that committed those entries (fewer than entries when queued saves share a commit, on PostgreSQL).", "counter", audit.Commits);
        PrometheusText.Single(text, "vigil_audit_queue_depth", "Audited saves waiting for their turn in the chain, or being written.", "gauge", audit.QueueDepth);
        PrometheusText.Header(text, "vigil_audit_wait_seconds", "Time audited saves waited for their turn in the chain (mean: sum over count).", "summary");
        PrometheusText.Sample(text, "vigil_audit_wait_seconds_sum", "", audit.TotalWait.TotalSeconds);
        PrometheusText.Sample(text, "vigil_audit_wait_seconds_count", "", audit.Turns);
        PrometheusText.Single(text, "vigil_audit_held_seconds_total", "Time turns held the chain, writing their save (per second: the fraction of time the chain is busy).", "counter", audit.TotalHeld.TotalSeconds);
    }

    private static void WritePerCamera(StringBuilder text, CameraRegistry cameras, string name, string help, string type, Func<CameraRuntime, double> value)
    {
        PrometheusText.Header(text, name, help, type);
        foreach (CameraRuntime camera in cameras.All)
        {
            PrometheusText.Sample(text, name, PrometheusText.Labels(["camera"], [camera.Camera.Id]), value(camera));
        }
    }
}
