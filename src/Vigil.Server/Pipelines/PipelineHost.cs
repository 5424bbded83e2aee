using Microsoft.Extensions.Options;
using Vigil.Assets.Cache;
using Vigil.Domain.Cameras;
using Vigil.Server.Alerts;
using Vigil.Server.Hosting;
using Vigil.Server.Live;
using Vigil.Server.Observability;
using Vigil.Server.Recordings;
using Vigil.Vision.Detection;
using Vigil.Vision.Faces;
using Vigil.Vision.Pipeline;
using Vigil.Vision.Redaction;

namespace Vigil.Server.Pipelines;

/// <summary>
/// Starts one <see cref="CameraSession"/> per configured camera around one shared detector, and stops
/// them with the host. A camera whose source cannot be resolved, or that keeps failing, shows that in its
/// state (the pipeline reconnects with backoff); it never stops the host or another camera.
/// </summary>
internal sealed class PipelineHost(
    CameraRegistry cameras,
    AssetLocator assets,
    AlertWriter writer,
    RecordingStore recordings,
    OpsPush push,
    ServerMetrics metrics,
    IOptions<ServerOptions> options,
    IOptions<PipelineOptions> pipelineOptions,
    TimeProvider clock,
    ILogger<PipelineHost> logger) : IHostedService
{
    private readonly List<IDisposable> _owned = [];
    private readonly List<CameraSession> _sessions = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.RunPipelines)
        {
            foreach (CameraRuntime camera in cameras.All)
            {
                camera.SetStopped("camera pipelines are switched off on this host");
            }

            return;
        }

        if (cameras.All.Count == 0)
        {
            return;
        }

        // What a crash left half-written goes before any camera records again.
        (int files, int rows) = await recordings.SweepLeftoversAsync(cancellationToken).ConfigureAwait(false);
        if (files + rows > 0)
        {
            ServerLog.RecordingLeftovers(logger, files, rows);
        }

        // One shared detector per precision the cameras use (INT8 unless a camera says fp32; issue 24).
        var detectors = new Dictionary<DetectorPrecision, TimedDetector>();
        foreach (DetectorPrecision precision in cameras.All.Select(c => c.Camera.DetectPrecision).Distinct())
        {
            string model = await assets.GetVerifiedPathAsync(DetectorModels.AssetId(precision), cancellationToken).ConfigureAwait(false);
            var detector = NanoDetDetector.Create(model, new DetectorOptions { Threads = options.Value.DetectorThreadsFor(cameras.All.Count) });
            _owned.Add(detector);
            detectors[precision] = new TimedDetector(detector, metrics.InferenceSeconds);
        }

        foreach (CameraRuntime camera in cameras.All)
        {
            await StartCameraAsync(camera, detectors[camera.Camera.DetectPrecision], cancellationToken).ConfigureAwait(false);
        }

        ServerLog.PipelinesStarted(logger, _sessions.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        CameraSession[] sessions;
        IDisposable[] owned;
        lock (_sessions)
        {
            sessions = [.. _sessions];
            owned = [.. _owned];
            _sessions.Clear();
            _owned.Clear();
        }

        foreach (CameraSession session in sessions)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        // Each session's output is complete now: its reader hands the last alerts to the writer (which stops after the cameras).
        foreach (CameraRuntime camera in cameras.All)
        {
            await camera.DetachAsync().ConfigureAwait(false);
            camera.SetStopped("the host stopped");
        }

        foreach (IDisposable resource in owned)
        {
            resource.Dispose();
        }
    }

    private async Task StartCameraAsync(CameraRuntime runtime, IObjectDetector detector, CancellationToken cancellationToken)
    {
        Camera camera = runtime.Camera;
        string source;
        BlazeFaceDetector? faces = null;
        try
        {
            source = camera.Url.StartsWith("asset:", StringComparison.Ordinal)
                ? await assets.GetVerifiedPathAsync(camera.Url["asset:".Length..], cancellationToken).ConfigureAwait(false)
                : camera.Url;
            if (camera.Redaction == RedactionMode.Faces)
            {
                faces = BlazeFaceDetector.Create(await assets.GetVerifiedPathAsync("blazeface-back", cancellationToken).ConfigureAwait(false));
                _owned.Add(faces);
            }
        }
        catch (AssetNotAvailableException ex)
        {
            runtime.SetStopped(ex.Message);
            ServerLog.CameraCannotStart(logger, camera.Id, ex.Message);
            return;
        }

        var session = new CameraSession(
            camera,
            source,
            detector,
            new Redactor(camera.Redaction, camera.PrivacyMasks, new RedactionOptions(), faces),
            pipelineOptions.Value,
            clock,
            options.Value.JpegQuality,
            recordings.Root,
            recordings.Space);
        _sessions.Add(session);
        runtime.Attach(session, writer, recordings, push, logger);
    }
}
