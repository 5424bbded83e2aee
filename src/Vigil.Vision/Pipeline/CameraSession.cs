using System.Diagnostics;
using System.Threading.Channels;
using Vigil.Domain.Alerts;
using Vigil.Domain.Cameras;
using Vigil.Domain.Security;
using Vigil.Vision.Analysis;
using Vigil.Vision.Decoding;
using Vigil.Vision.Detection;
using Vigil.Vision.Motion;
using Vigil.Vision.Recording;
using Vigil.Vision.Redaction;
using Vigil.Vision.Tracking;

namespace Vigil.Vision.Pipeline;

/// <summary>
/// One camera, kept running, from decoder to what the server stores and shows: an ffmpeg decoder
/// per connection feeds a one-frame slot where the latest frame wins (a slow analysis drops frames,
/// never queues them); a dedicated processing thread runs the camera's <see cref="FrameChain"/>
/// (motion → detect → track → rules → alerts → redact) on whatever frame is newest, offers the
/// redacted frame to the <see cref="Live"/> feed (encoded only while watched) and hands alert and
/// state changes out through one bounded channel, <see cref="Output"/>, which the server reads:
/// nothing here calls back into its reader. The processing is blocking CPU work, so it has its own
/// thread rather than borrowing the thread pool, which on a small machine would starve every
/// camera's decoder continuations. A stream that ends, stalls or whose decoder dies is reopened
/// with capped exponential backoff; the state and its reason are always visible. A decoder stopped
/// by a signal, which is how a terminal or a service manager stops the whole service, is reported
/// only if this session is not stopped within a second. Nothing here can affect another camera's
/// session except the shared detector, which is thread-safe.
/// </summary>
public sealed class CameraSession : IAsyncDisposable
{
    /// <summary>Alert and state changes waiting for the server: when it falls this far behind, the camera waits (its slot drops frames meanwhile).</summary>
    private const int OutputCapacity = 1024;
    private const int PoolSize = 3;

    /// <summary>
    /// How long a decoder stopped by a signal goes unreported: the signal usually stops the whole
    /// service, and the pipeline's own stop follows within moments; a camera that merely lost its
    /// decoder is reported a second late.
    /// </summary>
    private static readonly TimeSpan s_signalGrace = TimeSpan.FromSeconds(1);
    private readonly Camera _camera;
    private readonly string _source;
    private readonly IObjectDetector _detector;
    private readonly Redactor _redactor;
    private readonly AnalysisOptions _analysis;
    private readonly PipelineOptions _options;
    private readonly int _jpegQuality;
    private readonly Channel<CameraOutput> _output = Channel.CreateBounded<CameraOutput>(new BoundedChannelOptions(OutputCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly SourceOptions _sourceOptions;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _frameReady = new(0);
    private CameraStatus _status;
    private VideoFrame? _slot;
    private readonly Channel<VideoFrame> _free = Channel.CreateUnbounded<VideoFrame>();
    private readonly CancellationTokenSource _stop = new();
    private readonly long _startedAt;

    /// <summary>The decoder's frame size, packed (width in the high half): read by the processing thread too.</summary>
    private long _frameSize;
    private long _lastFrameAt;
    private Task? _supervisor;
    private Thread? _processor;
    private long _index;
    private long _framesDecoded;
    private long _framesDropped;
    private long _framesProcessed;
    private long _reconnects;
    private long _framesFailed;
    private long _faults;
    private readonly SegmentRecorder? _recorder;
    private FrameChain? _chain;
    private long _detections;
    private int _disposed;

    /// <param name="camera">The camera: its id, detection rate, rules and RTSP transport.</param>
    /// <param name="source">Where its video comes from (a file or URL; credentials allowed, never shown).</param>
    /// <param name="detector">The shared detector (thread-safe; owned by the caller).</param>
    /// <param name="redactor">The camera's redactor; the session owns it from now on.</param>
    /// <param name="options">Supervision: stall window, timeouts, backoff.</param>
    /// <param name="clock">Time for states, backoff and the alert manager.</param>
    /// <param name="jpegQuality">Quality of the live feed's and the snapshots' JPEGs.</param>
    /// <param name="recordings">The recordings folder; the camera records there when its policy says so.</param>
    /// <param name="space">Paused by the storage guard when the recordings' disk has no room (shared by every camera).</param>
    public CameraSession(Camera camera, string source, IObjectDetector detector, Redactor redactor, PipelineOptions options, TimeProvider clock, int jpegQuality = 80, string? recordings = null, RecordingSpace? space = null)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(options);
        _camera = camera;
        CameraId = camera.Id;
        _source = source;
        _detector = detector;
        _redactor = redactor;
        _jpegQuality = jpegQuality;

        // Spread the cameras' detection ticks over the period (stable per camera id).
        _analysis = new AnalysisOptions { DetectFps = camera.DetectFps, TickPhase = PhaseOf(camera.Id), MotionRegions = options.MotionRegions };
        _options = options;
        _sourceOptions = new SourceOptions { Transport = camera.Transport, IoTimeout = TimeSpan.FromSeconds(options.IoTimeoutSeconds) };
        _clock = clock;
        _startedAt = clock.GetTimestamp();
        _status = new CameraStatus(camera.Id, CameraState.Starting, null, clock.GetUtcNow());
        Live = new LiveFeed(jpegQuality);
        if (recordings is not null && camera.Recording.Records)
        {
            _recorder = new SegmentRecorder(camera.Id, recordings, camera.Recording, space ?? new RecordingSpace(), segment => Emit(new SegmentOutput(segment), CancellationToken.None));
        }
    }

    /// <summary>Recording segments that could not be written (the camera went on analysing and alerting).</summary>
    public long RecordingFailures => _recorder?.Failures ?? 0;

    /// <summary>Finished segments its recording mode did not keep (no alert near them, or nothing moved).</summary>
    public long RecordingDropped => _recorder?.Dropped ?? 0;

    public string CameraId { get; }

    /// <summary>Alert and state changes, in order, for the one reader that stores and pushes them. Completes when the session stops.</summary>
    public ChannelReader<CameraOutput> Output => _output.Reader;

    /// <summary>The camera's redacted live picture, encoded only while someone watches.</summary>
    public LiveFeed Live { get; }

    /// <summary>From each frame's decode to the end of its chain.</summary>
    public BucketCounts LagSeconds { get; } = new(BucketCounts.LagBounds);

    /// <summary>Objects the detector found on this camera so far.</summary>
    public long Detections => Interlocked.Read(ref _detections);

    /// <summary>
    /// The state as last set, corrected by the watchdog: a camera that has had no frame for its stall
    /// window is never reported live or starting, whatever its decoder is doing (a probe that hangs,
    /// a stream that sends nothing).
    /// </summary>
    public CameraStatus Status
    {
        get
        {
            CameraStatus status = _status;
            if (status.State is not (CameraState.Live or CameraState.Starting))
            {
                return status;
            }

            // Since the last frame, or since the pipeline started when none came yet: reconnecting
            // again and again without a frame is no reason to look healthy.
            long lastFrame = Volatile.Read(ref _lastFrameAt);
            TimeSpan quiet = _clock.GetElapsedTime(lastFrame != 0 ? lastFrame : _startedAt);
            return quiet.TotalSeconds > _options.StallSeconds
                ? status with { State = CameraState.Stalled, Reason = $"no frame for {quiet.TotalSeconds:0} s" }
                : status;
        }
    }

    public long FramesDecoded => Interlocked.Read(ref _framesDecoded);

    public long FramesDropped => Interlocked.Read(ref _framesDropped);

    public long FramesProcessed => Interlocked.Read(ref _framesProcessed);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Frames that could not be processed (an error in analysis or redaction), apart from those dropped by design.</summary>
    public long FramesFailed => Interlocked.Read(ref _framesFailed);

    /// <summary>Unexpected errors in the camera's decoding loop (each is reported in the state and the camera reconnects).</summary>
    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>Detection ticks handled so far (detector runs and motion-gated skips).</summary>
    public long Ticks => Volatile.Read(ref _chain)?.Analyzer.Ticks ?? 0;

    /// <summary>The current decoder's process id (fault tests kill it), or null between connections.</summary>
    public int? DecoderProcessId { get; private set; }

    /// <summary>Starts decoding and processing in the background.</summary>
    public void Start()
    {
        _processor = new Thread(() => Process(_stop.Token)) { IsBackground = true, Name = $"camera {CameraId}" };
        _processor.Start();
        _supervisor = Task.Run(() => SuperviseAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_supervisor is not null)
        {
            try
            {
                await _supervisor.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose.
            }
        }

        if (_processor is null)
        {
            // Never started: the chain that would own the redactor was never made.
            _redactor.Dispose();
        }

        _processor?.Join();
        Interlocked.Exchange(ref _slot, null)?.Dispose();

        while (_free.Reader.TryRead(out VideoFrame? f))
        {
            f.Dispose();
        }

        if (_recorder is not null)
        {
            // The open segment is finished and indexed before the output completes.
            await _recorder.DisposeAsync().ConfigureAwait(false);
        }

        SetState(CameraState.Stopped, null);
        _output.Writer.TryComplete();
        _frameReady.Dispose();
        _stop.Dispose();
    }

    private async Task SuperviseAsync(CancellationToken ct)
    {
        int failures = 0;
        bool isFile = !_source.Contains("://", StringComparison.Ordinal);
        while (!ct.IsCancellationRequested)
        {
            SetState(CameraState.Starting, null);
            bool wasLive = false;
            bool signalled = false;
            string reason;
            try
            {
                FfmpegFrameReader reader = await FfmpegFrameReader.OpenAsync(_source, _options.LoopFiles && isFile, _sourceOptions, ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    DecoderProcessId = reader.ProcessId;
                    EnsurePool(reader.Info.Width, reader.Info.Height);
                    (wasLive, reason) = await DecodeAsync(reader, ct).ConfigureAwait(false);
                    signalled = reader.StoppedBySignal;
                }
            }
            catch (VideoSourceException ex)
            {
                reason = ex.Message;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Nothing may end this loop but the pipeline's own stop: an unexpected error is counted,
                // shown as the camera's state (the host logs it with the camera's id) and retried.
                Interlocked.Increment(ref _faults);
                reason = $"unexpected error in the camera's loop ({ex.GetType().Name}: {ex.Message})";
            }
            finally
            {
                DecoderProcessId = null;
            }

            if (signalled && !ct.IsCancellationRequested)
            {
                // Not a fault when the service is stopping: wait for this pipeline's stop before saying anything.
                await Task.Delay(s_signalGrace, _clock, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (ct.IsCancellationRequested)
            {
                return;
            }

            failures = wasLive ? 1 : failures + 1;
            double backoff = Math.Min(_options.MaxBackoffSeconds, _options.InitialBackoffSeconds * Math.Pow(2, failures - 1));
            SetState(failures >= _options.FailuresBeforeFailed ? CameraState.Failed : CameraState.Reconnecting, reason);
            await Task.Delay(TimeSpan.FromSeconds(backoff), _clock, ct).ConfigureAwait(false);
            Interlocked.Increment(ref _reconnects);
        }
    }

    /// <summary>Reads frames until the stream ends, stalls or fails; returns whether it went live and why it stopped.</summary>
    private async Task<(bool WasLive, string Reason)> DecodeAsync(FfmpegFrameReader reader, CancellationToken ct)
    {
        bool live = false;
        while (true)
        {
            VideoFrame frame = await _free.Reader.ReadAsync(ct).ConfigureAwait(false);
            if (frame.Width != reader.Info.Width || frame.Height != reader.Info.Height)
            {
                // Returned by the processor just as the pool changed size: not for this connection.
                frame.Dispose();
                _free.Writer.TryWrite(new VideoFrame(reader.Info.Width, reader.Info.Height));
                continue;
            }

            bool read;
            using (var stall = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                // A connection's first frame may take as long as connecting does (RTSP set-up, the first key frame).
                stall.CancelAfter(TimeSpan.FromSeconds(live ? _options.StallSeconds : Math.Max(_options.StallSeconds, _options.IoTimeoutSeconds)));
                try
                {
                    read = await reader.ReadAsync(frame, stall.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    Return(frame);
                    SetState(CameraState.Stalled, $"no frame for {_options.StallSeconds:0.#} s");
                    return (live, $"stalled: no frame for {_options.StallSeconds:0.#} s");
                }
            }

            if (!read)
            {
                Return(frame);
                string? problem = await reader.CompleteAsync(ct).ConfigureAwait(false);
                return (live, problem ?? "the stream ended");
            }

            if (!live)
            {
                live = true;
                SetState(CameraState.Live, null);
            }

            Interlocked.Increment(ref _framesDecoded);
            Volatile.Write(ref _lastFrameAt, _clock.GetTimestamp());
            frame.DecodedAt = _clock.GetUtcNow();
            if (Interlocked.Exchange(ref _slot, frame) is { } unprocessed)
            {
                // The processor had not taken the previous frame yet: the newest wins.
                Interlocked.Increment(ref _framesDropped);
                Return(unprocessed);
            }
            else
            {
                _frameReady.Release();
            }
        }
    }

    private void Process(CancellationToken ct)
    {
        using var chain = new FrameChain(_camera, _camera.Id, _detector, _redactor, _analysis, new MotionOptions(), new TrackerOptions(), _clock);
        Volatile.Write(ref _chain, chain);
        while (true)
        {
            try
            {
                _frameReady.Wait(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (Interlocked.Exchange(ref _slot, null) is not { } frame)
            {
                continue;
            }

            try
            {
                // Live time, not stream time: a reconnect must not send the tracker back in time.
                chain.Step(frame.Mat, _index++, _clock.GetElapsedTime(_startedAt), double.PositiveInfinity);
                RedactedFrame redacted = chain.Redacted!;
                redacted.DecodedAt = frame.DecodedAt;
                Interlocked.Increment(ref _framesProcessed);
                FrameAnalysis analysis = chain.Analysis!;
                if (analysis.Detected)
                {
                    Interlocked.Add(ref _detections, analysis.Detections.Count);
                }

                LagSeconds.Observe(Math.Max(0, (_clock.GetUtcNow() - frame.DecodedAt).TotalSeconds));
                Live.Offer(redacted);
                _recorder?.Write(redacted, frame.DecodedAt, analysis.Motion.HasMotion);
                foreach (AlertChange change in chain.Changes)
                {
                    ClipWindow? clip = _recorder is null ? null : _camera.Recording.ClipOf(change.Alert.OpenedAt, change.Alert.EndedAt, change.Alert.TrackId is not null);
                    if (clip is { } window && change.Kind is AlertChangeKind.Opened or AlertChangeKind.Ended)
                    {
                        _recorder!.Clip(change.Alert.Id, window);
                    }

                    // The snapshot is the redacted frame: the only picture that may leave the session.
                    RedactedJpeg? snapshot = change.Kind == AlertChangeKind.Opened && redacted.HasContent ? redacted.EncodeJpeg(_jpegQuality) : null;
                    Emit(new AlertOutput(change, snapshot, frame.DecodedAt, clip), ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopping while waiting for the reader.
                Return(frame);
                return;
            }
            catch (Exception ex)
            {
                // A frame that cannot be processed is counted as failed (not as dropped by design); the camera goes on.
                Interlocked.Increment(ref _framesFailed);
                Debug.WriteLine($"camera {CameraId}: frame failed: {ex.Message}");
            }

            Return(frame);
        }
    }

    /// <summary>On the processing thread: waiting for a slow reader is the intended backpressure (the slot drops frames meanwhile).</summary>
    private void Emit(CameraOutput output, CancellationToken ct)
    {
        if (!_output.Writer.TryWrite(output))
        {
            _output.Writer.WriteAsync(output, ct).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>A stable number in [0, 1) from the camera id (FNV-1a; string hashes differ per process).</summary>
    private static double PhaseOf(string id)
    {
        uint hash = 2166136261;
        foreach (char c in id)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (hash % 1000) / 1000.0;
    }

    /// <summary>
    /// Fills the pool for the decoder's frame size. A reconnect at another size drains every frame of
    /// the old size first (those the processor still holds are disposed when it returns them).
    /// </summary>
    private void EnsurePool(int width, int height)
    {
        long size = Pack(width, height);
        long previous = Interlocked.Exchange(ref _frameSize, size);
        if (previous == size)
        {
            return;
        }

        while (_free.Reader.TryRead(out VideoFrame? stale))
        {
            stale.Dispose();
        }

        if (Interlocked.Exchange(ref _slot, null) is { } waiting)
        {
            waiting.Dispose();
        }

        for (int i = 0; i < PoolSize; i++)
        {
            _free.Writer.TryWrite(new VideoFrame(width, height));
        }
    }

    private void Return(VideoFrame frame)
    {
        if (Pack(frame.Width, frame.Height) == Volatile.Read(ref _frameSize))
        {
            _free.Writer.TryWrite(frame);
        }
        else
        {
            frame.Dispose();
        }
    }

    private static long Pack(int width, int height) => ((long)width << 32) | (uint)height;

    private void SetState(CameraState state, string? reason)
    {
        // Reasons are shown to operators and logged: whatever produced one, the source's secrets never ride along.
        reason = reason is null ? null : SecretText.Scrub(reason, _source);
        if (_status.State == state && _status.Reason == reason)
        {
            return;
        }

        _status = new CameraStatus(CameraId, state, reason, _clock.GetUtcNow());

        // State changes are few; one that finds the channel full (the reader is far behind) is dropped
        // rather than block the supervisor: the current state is always readable from Status.
        _output.Writer.TryWrite(new StatusOutput(_status));
    }
}
