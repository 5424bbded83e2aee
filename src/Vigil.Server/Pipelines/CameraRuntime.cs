using Vigil.Domain.Cameras;
using Vigil.Server.Alerts;
using Vigil.Server.Api.Contracts;
using Vigil.Server.Hosting;
using Vigil.Server.Live;
using Vigil.Server.Recordings;
using Vigil.Vision.Pipeline;

namespace Vigil.Server.Pipelines;

/// <summary>
/// Everything the host keeps for one camera: its configuration, its session while one runs, and the
/// one reader of the session's output, which hands alert changes to the alert writer (store, then
/// push), finished recording segments to the index, and state changes to the log and the live push. Rules, alerts and redaction run in the
/// session (Vision); nothing here runs on the camera's thread.
/// </summary>
internal sealed class CameraRuntime(Camera camera, TimeProvider clock)
{
    private Task? _reader;

    public Camera Camera { get; } = camera;

    public CameraSession? Session { get; private set; }

    public CameraStatus Status { get; private set; } = new(camera.Id, CameraState.Stopped, "not started", clock.GetUtcNow());

    /// <summary>The live feed while a session runs.</summary>
    public LiveFeed? Live => Session?.Live;

    public CameraStateDto State
    {
        get
        {
            CameraStatus s = Session?.Status ?? Status;
            return new CameraStateDto(
                Camera.Id,
                Enum.GetName(s.State)!.ToLowerInvariant(),
                s.Reason,
                s.Since,
                Session?.FramesDecoded ?? 0,
                Session?.FramesProcessed ?? 0,
                Session?.FramesDropped ?? 0,
                Session?.FramesFailed ?? 0,
                Session?.Reconnects ?? 0);
        }
    }

    /// <summary>Marks the camera as not running, with the reason operators will see.</summary>
    public void SetStopped(string reason) => Status = new CameraStatus(Camera.Id, CameraState.Stopped, reason, clock.GetUtcNow());

    /// <summary>Starts the session and the reader of its output.</summary>
    public void Attach(CameraSession session, AlertWriter writer, RecordingStore recordings, OpsPush push, ILogger logger)
    {
        Session = session;
        _reader = Task.Run(() => ReadAsync(session, writer, recordings, push, logger));
        session.Start();
    }

    /// <summary>After the session is disposed (its output completes): waits for the reader to hand over what is left.</summary>
    public async Task DetachAsync()
    {
        if (_reader is not null)
        {
            await _reader.ConfigureAwait(false);
        }

        Session = null;
        _reader = null;
    }

    private async Task ReadAsync(CameraSession session, AlertWriter writer, RecordingStore recordings, OpsPush push, ILogger logger)
    {
        await foreach (CameraOutput output in session.Output.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                switch (output)
                {
                    case AlertOutput alert:
                        await writer.EnqueueAsync(alert).ConfigureAwait(false);
                        break;
                    case SegmentOutput { Segment: var segment }:
                        await recordings.IndexAsync(segment, CancellationToken.None).ConfigureAwait(false);
                        break;
                    case StatusOutput { Status: var status }:
                        if (status.State is CameraState.Failed or CameraState.Reconnecting or CameraState.Stalled)
                        {
                            ServerLog.CameraTrouble(logger, status.CameraId, status.State, status.Reason);
                        }

                        await push.CameraAsync(State, CancellationToken.None).ConfigureAwait(false);
                        break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One output that cannot be handed on must not end the camera's reader.
                ServerLog.CameraOutputFailed(logger, ex, Camera.Id);
            }
        }
    }
}
