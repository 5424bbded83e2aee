using Microsoft.Extensions.Options;
using Vigil.Assets.Cache;
using Vigil.Domain.Cameras;
using Vigil.Server.Alerts;
using Vigil.Server.Hosting;
using Vigil.Server.Live;
using Vigil.Server.Observability;
using Vigil.Vision.Analysis;
using Vigil.Vision.Detection;
using Vigil.Vision.Faces;
using Vigil.Vision.Motion;
using Vigil.Vision.Pipeline;
using Vigil.Vision.Redaction;
using Vigil.Vision.Tracking;

namespace Vigil.Server.Pipelines;

/// <summary>
/// Starts one supervised pipeline per configured camera around one shared detector, and stops them
/// with the host. A camera whose source cannot be resolved, or that keeps failing, shows that in its
/// state (the pipeline reconnects with backoff); it never stops the host or another camera.
/// </summary>
internal sealed class PipelineHost(
    CameraRegistry cameras,
    AssetLocator assets,
    AlertWriter writer,
    OpsPush push,
    ServerMetrics metrics,
    IOptions<ServerOptions> options,
    IOptions<PipelineOptions> pipelineOptions,
    TimeProvider clock,
    ILogger<PipelineHost> logger) : IHostedService
{
    private readonly List<IDisposable> _owned = [];
    private readonly List<CameraPipeline> _pipelines = [];

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

        string model = await assets.GetVerifiedPathAsync("nanodet-onnx", cancellationToken).ConfigureAwait(false);
        var detector = NanoDetDetector.Create(model, new DetectorOptions { Threads = options.Value.DetectorThreadsFor(cameras.All.Count) });
        _owned.Add(detector);
        var timed = new TimedDetector(detector, metrics.InferenceSeconds);
        foreach (CameraRuntime camera in cameras.All)
        {
            await StartCameraAsync(camera, timed, cancellationToken).ConfigureAwait(false);
        }

        ServerLog.PipelinesStarted(logger, _pipelines.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        CameraPipeline[] pipelines;
        IDisposable[] owned;
        lock (_pipelines)
        {
            pipelines = [.. _pipelines];
            owned = [.. _owned];
            _pipelines.Clear();
            _owned.Clear();
        }

        foreach (CameraPipeline pipeline in pipelines)
        {
            await pipeline.DisposeAsync().ConfigureAwait(false);
        }

        foreach (CameraRuntime camera in cameras.All)
        {
            camera.Detach();
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

        var redactor = new Redactor(camera.Redaction, camera.PrivacyMasks, new RedactionOptions(), faces);
        _owned.Add(redactor);
        var pipeline = new CameraPipeline(
            camera.Id,
            source,
            detector,
            redactor,
            new AnalysisOptions { DetectFps = camera.DetectFps },
            new MotionOptions(),
            new TrackerOptions(),
            pipelineOptions.Value,
            clock,
            camera.Transport);
        runtime.Attach(pipeline, writer, metrics);
        pipeline.StatusChanged += status =>
        {
            if (status.State is CameraState.Failed or CameraState.Reconnecting or CameraState.Stalled)
            {
                ServerLog.CameraTrouble(logger, status.CameraId, status.State, status.Reason);
            }

            _ = push.CameraAsync(runtime.State, CancellationToken.None);
        };
        _pipelines.Add(pipeline);
        pipeline.Start();
    }
}
