using System.Collections.Concurrent;
using System.Diagnostics;
using Vigil.Domain.Cameras;
using Vigil.Vision.Detection;
using Vigil.Vision.Pipeline;
using Vigil.Vision.Redaction;

namespace Vigil.Vision.Tests.Pipeline;

/// <summary>
/// Cameras that end, stall, lose their decoder or are corrupt each reach the documented state and
/// recover, while a healthy camera running alongside keeps going as if nothing happened.
/// </summary>
public sealed class CameraSessionFaultTests : IAsyncLifetime
{
    private static readonly PipelineOptions s_fastRetry = new() { StallSeconds = 1.5, IoTimeoutSeconds = 5, InitialBackoffSeconds = 0.2, MaxBackoffSeconds = 1, FailuresBeforeFailed = 3 };
    private readonly List<CameraSession> _pipelines = [];
    private readonly ConcurrentDictionary<string, Task> _readers = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<CameraStatus>> _history = new();
    private readonly string _work = Directory.CreateTempSubdirectory("vigil-pipeline-").FullName;
    private NanoDetDetector _detector = null!;

    public Task InitializeAsync()
    {
        _detector = NanoDetDetector.Create(TestAssets.NanoDetModel, new DetectorOptions { Threads = 1 });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (CameraSession p in _pipelines)
        {
            await p.DisposeAsync();
        }

        await Task.WhenAll(_readers.Values);

        _detector.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Faults_EndStallKillAndCorruption_RecoverOrReportWithoutTouchingAHealthyCamera()
    {
        string clip = Path.Combine(_work, "short.avi");
        await RunFfmpegAsync("-v", "error", "-y", "-i", TestAssets.Tree, "-t", "1", "-c:v", "mjpeg", clip);
        string corrupt = Path.Combine(_work, "corrupt.avi");
        await File.WriteAllBytesAsync(corrupt, Enumerable.Range(0, 50_000).Select(i => (byte)(i * 31)).ToArray());
        await using var stallingServer = LoopbackVideoServer.Stalling(TestAssets.Tree, 0.3);

        CameraSession healthy = Start("healthy", TestAssets.VTest, new PipelineOptions { StallSeconds = 5 });
        CameraSession ends = Start("ends", clip, new PipelineOptions { StallSeconds = 5, InitialBackoffSeconds = 0.2, MaxBackoffSeconds = 1, LoopFiles = false });
        CameraSession killed = Start("killed", TestAssets.Tree, s_fastRetry);
        CameraSession broken = Start("broken", corrupt, s_fastRetry);
        CameraSession stalls = Start("stalls", stallingServer.Url, s_fastRetry);

        await WaitAsync(() => healthy.Status.State == CameraState.Live && killed.Status.State == CameraState.Live, "healthy and killed cameras live");
        long healthyBefore = healthy.FramesDecoded;
        var clock = Stopwatch.StartNew();
        int killedPid = killed.DecoderProcessId!.Value;
        Process.GetProcessById(killedPid).Kill();

        await WaitAsync(() => Saw("ends", CameraState.Reconnecting, "the stream ended") && ends.Reconnects >= 1 && Saw("ends", CameraState.Live, null, times: 2), "the ended stream reopened");
        await WaitAsync(() => Saw("killed", CameraState.Reconnecting, "decoding failed") && killed.Status.State == CameraState.Live && killed.DecoderProcessId != killedPid, "the killed decoder replaced");
        await WaitAsync(() => Saw("stalls", CameraState.Stalled, "no frame for 1.5 s") && Saw("stalls", CameraState.Reconnecting, "stalled"), "the stall detected");
        await WaitAsync(() => broken.Status.State == CameraState.Failed, "the corrupt camera reported failed");
        Assert.Contains("not a readable video", broken.Status.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(_history["broken"], s => s.State == CameraState.Live);

        // The healthy camera never left live and kept its native rate (10 fps) the whole time.
        double seconds = clock.Elapsed.TotalSeconds;
        long decoded = healthy.FramesDecoded - healthyBefore;
        Assert.Equal([CameraState.Starting, CameraState.Live], _history["healthy"].Select(s => s.State));
        Assert.True(decoded >= seconds * 10 * 0.8, $"healthy camera decoded {decoded} frames in {seconds:0.0} s");
        Assert.True(healthy.FramesProcessed > 0);
    }

    [Fact]
    public async Task ADecoderStoppedBySignal_AsThePipelineStops_IsNoFault_AndWhileItRuns_IsReportedAndReplaced()
    {
        CameraSession stopping = Start("stopping", TestAssets.Tree, s_fastRetry);
        CameraSession running = Start("running", TestAssets.VTest, s_fastRetry);
        await WaitAsync(() => stopping.Status.State == CameraState.Live && running.Status.State == CameraState.Live, "both cameras live");
        int runningPid = running.DecoderProcessId!.Value;

        // What a terminal's Ctrl+C or a service manager's stop does: the decoders get the signal too, a moment before the pipelines stop.
        Signals.Terminate(stopping.DecoderProcessId!.Value);
        Signals.Terminate(runningPid);
        await Task.Delay(300);
        await stopping.DisposeAsync();
        await _readers["stopping"]; // the output completes with the session: every state is in the history now

        Assert.Equal([CameraState.Starting, CameraState.Live, CameraState.Stopped], _history["stopping"].Select(s => s.State));
        await WaitAsync(() => Saw("running", CameraState.Reconnecting, "stopped by a signal") && running.Status.State == CameraState.Live && running.DecoderProcessId != runningPid, "the signalled decoder reported and replaced");
    }

    [Fact]
    public async Task ACameraThatComesBackAtAnotherSize_IsLiveAgain_AndKeepsDecoding()
    {
        string small = Path.Combine(_work, "small.avi");
        string large = Path.Combine(_work, "large.avi");
        await RunFfmpegAsync("-v", "error", "-y", "-i", TestAssets.Tree, "-t", "2", "-vf", "scale=320:240", "-c:v", "mjpeg", small);
        await RunFfmpegAsync("-v", "error", "-y", "-i", TestAssets.Tree, "-t", "2", "-vf", "scale=480:360", "-c:v", "mjpeg", large);
        // Each connection of the camera is two requests (ffprobe, then the decoder): both see the same size.
        await using var server = LoopbackVideoServer.Alternating(small, small, large, large);

        CameraSession resized = Start("resized", server.Url, s_fastRetry);

        // Small, then large, then small again: every connection live, frames decoded growing, nothing failed.
        await WaitAsync(() => Saw("resized", CameraState.Live, null, times: 3) && server.Connections >= 6, "three connections at alternating sizes, each live");
        long decoded = resized.FramesDecoded;
        await WaitAsync(() => resized.FramesDecoded > decoded + 5, "frames decoded after the size changes");
        Assert.Equal(0, resized.Faults);
        Assert.Equal(0, resized.FramesFailed);
        Assert.True(resized.FramesProcessed > 0);
    }

    [Fact]
    public async Task ASourceThatNeverAnswers_IsNeverReportedStartingPastItsStallWindow()
    {
        // A listener that accepts and then says nothing: the probe waits; the watchdog tells the truth meanwhile.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        int port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;

        CameraSession quiet = Start("quiet", $"http://127.0.0.1:{port}/camera.mjpg", s_fastRetry);

        await WaitAsync(() => quiet.Status.State == CameraState.Stalled, "the watchdog to report the silent camera stalled");
        Assert.Contains("no frame for", quiet.Status.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RtspCameras_OverTcpAndUdp_GoLive_AndComeBackAfterTheServerRestarts_EvenAtAnotherSize()
    {
        await using RtspCameraServer server = await RtspCameraServer.StartAsync("320x240");

        CameraSession tcp = Start("rtsp-tcp", server.Url(), s_fastRetry);
        CameraSession udp = Start("rtsp-udp", server.Url(), s_fastRetry, StreamTransport.Udp);
        await WaitAsync(() => tcp.Status.State == CameraState.Live && udp.Status.State == CameraState.Live && tcp.FramesDecoded > 10 && udp.FramesDecoded > 10, "both RTSP cameras live");

        await server.RestartAsync("480x360");
        await WaitAsync(() => Saw("rtsp-tcp", CameraState.Live, null, times: 2) && Saw("rtsp-udp", CameraState.Live, null, times: 2), "both cameras live again after the restart");
        long tcpFrames = tcp.FramesDecoded;
        long udpFrames = udp.FramesDecoded;
        await WaitAsync(() => tcp.FramesDecoded > tcpFrames + 10 && udp.FramesDecoded > udpFrames + 10, "frames at the new size");

        Assert.Contains(_history["rtsp-tcp"], s => s.State is CameraState.Reconnecting or CameraState.Stalled);
        Assert.Equal(0, tcp.Faults + udp.Faults + tcp.FramesFailed + udp.FramesFailed);
    }

    [Fact]
    public async Task RtspCamera_WithWrongCredentials_FailsNamingAuthentication_WithoutThePassword()
    {
        await using RtspCameraServer server = await RtspCameraServer.StartAsync("320x240", "--user", "cam", "--password", "Right-Pass1");

        CameraSession right = Start("rtsp-right", server.Url("cam:Right-Pass1"), s_fastRetry);
        CameraSession wrong = Start("rtsp-wrong", server.Url("cam:Wrong-Pass2"), s_fastRetry);

        await WaitAsync(() => right.Status.State == CameraState.Live && wrong.Status.State == CameraState.Failed, "the right credentials live, the wrong ones failed");
        string reason = wrong.Status.Reason!;
        Assert.Contains("401 Unauthorized", reason, StringComparison.Ordinal);
        Assert.Contains("rtsp://***@127.0.0.1", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrong-Pass2", string.Join('\n', _history["rtsp-wrong"].Select(s => s.Reason)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RtspCamera_ThatStalls_IsReportedStalled_AndReconnected()
    {
        await using RtspCameraServer server = await RtspCameraServer.StartAsync("320x240", "--stall-after", "4");

        CameraSession stalls = Start("rtsp-stalls", server.Url(), s_fastRetry);

        await WaitAsync(() => Saw("rtsp-stalls", CameraState.Live, null) && Saw("rtsp-stalls", CameraState.Stalled, "no frame for") && Saw("rtsp-stalls", CameraState.Reconnecting, "stalled") && !IsHealthy(stalls), "the stall detected and the camera reconnecting");
    }

    private CameraSession Start(string id, string source, PipelineOptions options, StreamTransport transport = StreamTransport.Tcp)
    {
        var camera = new Camera { Id = id, Name = id, Url = source, Purpose = "Test", LegalBasis = "Test", Retention = TimeSpan.FromHours(1), DetectFps = 2, Transport = transport };
        var pipeline = new CameraSession(camera, source, _detector, new Redactor(RedactionMode.People, [], new RedactionOptions(), null), options, TimeProvider.System);
        _history[id] = new ConcurrentQueue<CameraStatus>([pipeline.Status]);

        // What the server does: one reader of the session's output.
        _readers[id] = Task.Run(async () =>
        {
            await foreach (CameraOutput output in pipeline.Output.ReadAllAsync())
            {
                if (output is StatusOutput status)
                {
                    _history[id].Enqueue(status.Status);
                }
            }
        });
        _pipelines.Add(pipeline);
        pipeline.Start();
        return pipeline;
    }

    private static bool IsHealthy(CameraSession pipeline) => pipeline.Status.State is CameraState.Live or CameraState.Starting;

    private bool Saw(string id, CameraState state, string? reasonPart, int times = 1) =>
        _history[id].Count(s => s.State == state && (reasonPart is null || (s.Reason ?? string.Empty).Contains(reasonPart, StringComparison.Ordinal))) >= times;

    private async Task WaitAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                string history = string.Join(" | ", _history.Select(h => $"{h.Key}: {string.Join(" > ", h.Value.Select(s => $"{s.State}({s.Reason})"))}"));
                Assert.Fail($"timed out waiting for {what}; {history}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task RunFfmpegAsync(params string[] args)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start)!;
        string errors = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, errors);
    }
}
