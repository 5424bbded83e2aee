using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Assets.Cache;
using Vigil.Data;
using Vigil.Data.Audit;
using Vigil.Domain.Audit;
using Vigil.Domain.Cameras;
using Vigil.Server.Hosting;
using Vigil.Server.Observability;
using Vigil.Server.Pipelines;
using Vigil.Vision.Decoding;
using Vigil.Vision.Recording;

namespace Vigil.Server.Originals;

/// <summary>
/// Keeps the originals of the cameras that say so (issue 22): one <see cref="OriginalCapture"/> per
/// such camera, each chunk sealed and written by <see cref="OriginalStore"/>; every minute, the
/// segments older than the camera's <c>originals.keep</c> are deleted, evidence holds or not (an
/// original outlives nothing: a court order path is out of scope), audited. The key is opened at
/// start-up; without its secret the server does not start.
/// </summary>
internal sealed class OriginalsHost(
    OriginalKeyring keyring,
    OriginalStore store,
    CameraRegistry cameras,
    AssetLocator assets,
    IDbContextFactory<VigilDbContext> contexts,
    AuditLog audit,
    ServerMetrics metrics,
    IOptions<ServerOptions> options,
    TimeProvider clock,
    ILogger<OriginalsHost> logger) : BackgroundService
{
    public const string Actor = "retention";
    private static readonly TimeSpan s_chunk = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_sweepEvery = TimeSpan.FromMinutes(1);
    private readonly List<(Camera Camera, OriginalCapture Capture)> _captures = [];

    public IReadOnlyList<(Camera Camera, OriginalCapture Capture)> Captures => _captures;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (keyring.Open() is { } problem)
        {
            throw new OptionsValidationException(nameof(ServerOptions.OriginalsSecret), typeof(ServerOptions), [problem]);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <summary>Deletes every camera's originals older than it keeps them; returns how many segments went.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        int total = 0;
        DateTimeOffset now = clock.GetUtcNow();
        foreach (Camera camera in cameras.All.Select(c => c.Camera).Where(c => c.OriginalsKeep is not null))
        {
            DateTimeOffset cutoff = now - camera.OriginalsKeep!.Value;
            int deleted = store.Sweep(camera.Id, cutoff);
            if (deleted > 0)
            {
                VigilDbContext db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
                await using (db.ConfigureAwait(false))
                {
                    string detail = string.Create(CultureInfo.InvariantCulture, $"{deleted} original segment(s) ended before {cutoff:u}: originals kept {camera.OriginalsKeep.Value.TotalHours:0.##} h");
                    await audit.SaveWithAsync(db, Actor, AuditActions.MediaDeleted, $"camera/{camera.Id}/originals", detail, cancellationToken).ConfigureAwait(false);
                }

                total += deleted;
            }
        }

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!keyring.Needed)
        {
            return;
        }

        var running = new List<Task>();
        if (options.Value.RunPipelines)
        {
            foreach (Camera camera in cameras.All.Select(c => c.Camera).Where(c => c.OriginalsKeep is not null))
            {
                string source;
                try
                {
                    source = camera.Url.StartsWith("asset:", StringComparison.Ordinal)
                        ? await assets.GetVerifiedPathAsync(camera.Url["asset:".Length..], stoppingToken).ConfigureAwait(false)
                        : camera.Url;
                }
                catch (AssetNotAvailableException ex)
                {
                    // The same answer the camera's analysis gives (it cannot start either); the other cameras' originals go on.
                    ServerLog.CameraCannotStart(logger, camera.Id, $"originals not kept: {ex.Message}");
                    continue;
                }

                var capture = new OriginalCapture(source, !source.Contains("://", StringComparison.Ordinal), new SourceOptions { Transport = camera.Transport }, s_chunk, clock, async (chunk, ct) =>
                {
                    await store.WriteAsync(camera.Id, chunk, ct).ConfigureAwait(false);
                    metrics.OriginalSegments.Increment(camera.Id);
                });
                _captures.Add((camera, capture));
                running.Add(capture.RunAsync(stoppingToken));
                ServerLog.OriginalsKept(logger, camera.Id, camera.OriginalsKeep!.Value.TotalHours);
            }
        }

        using var timer = new PeriodicTimer(s_sweepEvery, clock);
        try
        {
            do
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the captures stop with the token.
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }
}
