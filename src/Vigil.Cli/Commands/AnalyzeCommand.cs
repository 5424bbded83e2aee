using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Vigil.Cli.Analyze;
using Vigil.Configuration;
using Vigil.Domain.Alerts;
using Vigil.Domain.Cameras;
using Vigil.Vision.Analysis;
using Vigil.Vision.Decoding;
using Vigil.Vision.Detection;
using Vigil.Vision.Faces;
using Vigil.Vision.Motion;
using Vigil.Vision.Pipeline;
using Vigil.Vision.Redaction;
using Vigil.Vision.Tracking;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil analyze [VIDEO] [--config FILE --camera ID]</c>: motion, detection, tracking and (with a
/// camera's configuration) its rules over a video, as JSON Lines.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliContext context)
    {
        var video = new Argument<string?>("video") { Description = "Video file or stream URL (default: the camera's url from --config).", Arity = ArgumentArity.ZeroOrOne };
        var detectFps = new Option<double?>("--detect-fps") { Description = "Detection ticks per second (default: the camera's detect.fps with --config, else every frame; the video's fps means every frame)." };
        var config = new Option<string?>("--config") { Description = "vigil.yaml whose camera's zones and rules are evaluated." };
        var camera = new Option<string?>("--camera") { Description = "The camera of --config to use (needed when it has several)." };
        var output = new Option<string?>("--out") { Description = "Write the JSON Lines here instead of standard output." };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads for the detector.", DefaultValueFactory = _ => 2 };
        var noGate = new Option<bool>("--no-motion-gate") { Description = "Run the detector on every tick even when nothing moves." };
        var wholeFrame = new Option<bool>("--whole-frame") { Description = "Detect on the whole frame at every tick, not only on the regions around motion (the path before motion regions)." };
        var snapshots = new Option<string?>("--snapshots") { Description = "Write a redacted JPEG snapshot of each alert into this folder (needs --config)." };
        var precision = new Option<string?>("--precision") { Description = "Detector arithmetic: int8 (the default) or fp32 (default with --config: the camera's detect.precision)." };
        var command = new Command("analyze", "Detect and track objects in a video and evaluate a camera's rules; one JSON line per frame, then a summary line.")
        {
            video, detectFps, config, camera, output, threads, noGate, wholeFrame, snapshots, precision,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            context,
            new Request(parse.GetValue(video), parse.GetValue(detectFps), parse.GetValue(config), parse.GetValue(camera), parse.GetValue(output), parse.GetValue(threads), !parse.GetValue(noGate), !parse.GetValue(wholeFrame), parse.GetValue(snapshots), parse.GetValue(precision)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, Request request, CancellationToken cancellationToken)
    {
        if (request.DetectFps is <= 0)
        {
            return context.Fail($"--detect-fps must be positive, not {request.DetectFps.Value.ToString(CultureInfo.InvariantCulture)}", ExitCodes.Usage);
        }

        if (request.Precision is not (null or "int8" or "fp32"))
        {
            return context.Fail($"--precision must be int8 or fp32, not '{request.Precision}'", ExitCodes.Usage);
        }

        if (request.Threads is < 1 or > 64)
        {
            return context.Fail($"--threads must be between 1 and 64, not {request.Threads}", ExitCodes.Usage);
        }

        if (request.SnapshotDir is not null && request.ConfigPath is null)
        {
            return context.Fail("--snapshots needs --config (snapshots are taken of a camera's alerts)", ExitCodes.Usage);
        }

        if (request.SnapshotDir is not null)
        {
            try
            {
                Directory.CreateDirectory(request.SnapshotDir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return context.Fail($"cannot write snapshots to {request.SnapshotDir}: {ex.Message}");
            }
        }

        if (request.CameraId is not null && request.ConfigPath is null)
        {
            return context.Fail("--camera needs --config (the file that defines the camera)", ExitCodes.Usage);
        }

        Camera? camera = null;
        if (request.ConfigPath is not null)
        {
            VigilConfig? config = await ConfigCommand.LoadAsync(context, request.ConfigPath).ConfigureAwait(false);
            if (config is null)
            {
                return ExitCodes.Failure;
            }

            camera = request.CameraId is { } id ? config.FindCamera(id) : config.Cameras.Count == 1 ? config.Cameras[0] : null;
            if (camera is null)
            {
                string known = string.Join(", ", config.Cameras.Select(c => c.Id));
                return request.CameraId is null
                    ? context.Fail($"{request.ConfigPath} has {config.Cameras.Count} cameras; choose one with --camera ({known})", ExitCodes.Usage)
                    : context.Fail($"no camera '{request.CameraId}' in {request.ConfigPath} (cameras: {known})");
            }
        }

        string? source = request.Video ?? camera?.Url;
        if (source is null)
        {
            return context.Fail("name a video, or a camera with --config and --camera", ExitCodes.Usage);
        }

        source = await ResolveAsync(context, source, cancellationToken).ConfigureAwait(false);
        FfmpegFrameReader reader;
        try
        {
            reader = await FfmpegFrameReader.OpenAsync(source, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoSourceException ex)
        {
            return context.Fail(ex.Message);
        }

        await using (reader.ConfigureAwait(false))
        {
            return await AnalyseAsync(context, request, camera, reader, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> AnalyseAsync(CliContext context, Request request, Camera? camera, FfmpegFrameReader reader, CancellationToken cancellationToken)
    {
        DetectorPrecision precision = request.Precision switch
        {
            "fp32" => DetectorPrecision.Full,
            "int8" => DetectorPrecision.Quantized,
            _ => camera?.DetectPrecision ?? DetectorPrecision.Quantized,
        };
        string model = await context.Assets.GetVerifiedPathAsync(DetectorModels.AssetId(precision), cancellationToken).ConfigureAwait(false);
        using var detector = NanoDetDetector.Create(model, new DetectorOptions { Threads = request.Threads });
        using BlazeFaceDetector? faces = request.SnapshotDir is not null && camera!.Redaction == RedactionMode.Faces
            ? BlazeFaceDetector.Create(await context.Assets.GetVerifiedPathAsync("blazeface-back", cancellationToken).ConfigureAwait(false))
            : null;

        // The server's chain (motion → detect → track → rules → alerts → redact); snapshots leave
        // only as redacted frames, redacted with the camera's own mode and masks.
        using var chain = new FrameChain(
            camera,
            camera?.Id ?? "video",
            detector,
            request.SnapshotDir is null ? null : new Redactor(camera!.Redaction, camera.PrivacyMasks, new RedactionOptions(), faces),
            new AnalysisOptions { DetectFps = request.DetectFps ?? camera?.DetectFps, MotionGating = request.MotionGating, MotionRegions = request.MotionRegions },
            new MotionOptions(),
            new TrackerOptions(),
            TimeProvider.System);
        var progress = new ProgressLine(context.Error, reader.Info.FrameCount, enabled: !Console.IsErrorRedirected && context.Error == Console.Error);

        string? partial = request.OutPath is null ? null : request.OutPath + ".partial";
        Stream stream;
        try
        {
            stream = partial is null ? Console.OpenStandardOutput() : new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return context.Fail($"cannot write {request.OutPath}: {ex.Message}");
        }

        var clock = Stopwatch.StartNew();
        await using (stream.ConfigureAwait(false))
        {
            var buffered = new BufferedStream(stream, 1 << 16);
            await using (buffered.ConfigureAwait(false))
            {
                var writer = new AnalysisJsonWriter(buffered);
                await using (writer.ConfigureAwait(false))
                {
                    // ffmpeg decodes the next frames while this one is analysed.
                    var frames = new ReadAheadFrameReader(reader);
                    await using (frames.ConfigureAwait(false))
                    {
                        while (await frames.ReadAsync(cancellationToken).ConfigureAwait(false) is { } frame)
                        {
                            chain.Step(frame.Mat, frame.Index, frame.Timestamp, reader.Info.FramesPerSecond);
                            frames.Return(frame);
                            FrameAnalysis result = chain.Analysis!;
                            await SnapshotAsync(request.SnapshotDir, chain.Redacted, chain.Alerts, chain.Changes, cancellationToken).ConfigureAwait(false);
                            await writer.WriteFrameAsync(result, chain.Changes, cancellationToken).ConfigureAwait(false);
                            progress.Report(result.Index + 1, clock.Elapsed);
                        }
                    }

                    await writer.WriteSummaryAsync(reader.FramesRead, clock.Elapsed.TotalSeconds, chain.Analyzer, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        progress.Finish();
        if (partial is not null)
        {
            File.Move(partial, request.OutPath!, overwrite: true);
        }

        string? problem = await reader.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return problem is null ? ExitCodes.Success : context.Fail(problem);
    }

    /// <summary>Writes the redacted frame as each new alert's snapshot and records it on the alert.</summary>
    private static async Task SnapshotAsync(string? folder, RedactedFrame? frame, AlertManager alerts, List<AlertChange> changes, CancellationToken cancellationToken)
    {
        if (folder is null || frame is null)
        {
            return;
        }

        for (int i = 0; i < changes.Count; i++)
        {
            if (changes[i].Kind != AlertChangeKind.Opened)
            {
                continue;
            }

            string name = changes[i].Alert.Id + ".jpg";
            await File.WriteAllBytesAsync(Path.Combine(folder, name), frame.EncodeJpeg(85).Bytes, cancellationToken).ConfigureAwait(false);
            changes[i] = changes[i] with { Alert = alerts.AttachSnapshot(changes[i].Alert.Id, name) };
        }
    }

    /// <summary><c>asset:ID</c> names a verified file of the asset cache (the demo's sample videos).</summary>
    private static async Task<string> ResolveAsync(CliContext context, string source, CancellationToken cancellationToken) =>
        source.StartsWith("asset:", StringComparison.Ordinal)
            ? await context.Assets.GetVerifiedPathAsync(source["asset:".Length..], cancellationToken).ConfigureAwait(false)
            : source;

    private sealed record Request(string? Video, double? DetectFps, string? ConfigPath, string? CameraId, string? OutPath, int Threads, bool MotionGating, bool MotionRegions, string? SnapshotDir, string? Precision);
}
