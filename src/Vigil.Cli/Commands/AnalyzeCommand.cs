using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Vigil.Cli.Analyze;
using Vigil.Vision.Analysis;
using Vigil.Vision.Decoding;
using Vigil.Vision.Detection;
using Vigil.Vision.Motion;
using Vigil.Vision.Tracking;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil analyze VIDEO</c>: motion, detection and tracking of a video file, as JSON Lines.</summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliContext context)
    {
        var video = new Argument<string>("video") { Description = "Video file (or stream URL) to analyse." };
        var detectFps = new Option<double?>("--detect-fps") { Description = "Detection ticks per second (default: every frame; the video's fps also means every frame)." };
        var output = new Option<string?>("--out") { Description = "Write the JSON Lines here instead of standard output." };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads for the detector.", DefaultValueFactory = _ => 2 };
        var noGate = new Option<bool>("--no-motion-gate") { Description = "Run the detector on every tick even when nothing moves." };
        var command = new Command("analyze", "Detect and track objects in a video; one JSON line per frame, then a summary line.")
        {
            video, detectFps, output, threads, noGate,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            context,
            parse.GetValue(video)!,
            parse.GetValue(detectFps),
            parse.GetValue(output),
            parse.GetValue(threads),
            !parse.GetValue(noGate),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string video, double? detectFps, string? outPath, int threads, bool gating, CancellationToken cancellationToken)
    {
        if (detectFps is <= 0)
        {
            return context.Fail($"--detect-fps must be positive, not {detectFps.Value.ToString(CultureInfo.InvariantCulture)}", ExitCodes.Usage);
        }

        if (threads is < 1 or > 64)
        {
            return context.Fail($"--threads must be between 1 and 64, not {threads}", ExitCodes.Usage);
        }

        FfmpegFrameReader reader;
        try
        {
            reader = await FfmpegFrameReader.OpenAsync(video, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoSourceException ex)
        {
            return context.Fail(ex.Message);
        }

        await using (reader.ConfigureAwait(false))
        {
            string model = await context.Assets.GetVerifiedPathAsync("nanodet-onnx", cancellationToken).ConfigureAwait(false);
            using var detector = NanoDetDetector.Create(model, new DetectorOptions { Threads = threads });
            using var analyzer = new FrameAnalyzer(
                detector,
                new AnalysisOptions { DetectFps = detectFps, MotionGating = gating },
                new MotionOptions(),
                new TrackerOptions());
            using var frame = new VideoFrame(reader.Info.Width, reader.Info.Height);
            var progress = new ProgressLine(context.Error, reader.Info.FrameCount, enabled: !Console.IsErrorRedirected && context.Error == Console.Error);

            string? partial = outPath is null ? null : outPath + ".partial";
            Stream stream;
            try
            {
                stream = partial is null ? Console.OpenStandardOutput() : new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return context.Fail($"cannot write {outPath}: {ex.Message}");
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
                        while (await reader.ReadAsync(frame, cancellationToken).ConfigureAwait(false))
                        {
                            FrameAnalysis result = analyzer.Process(frame.Mat, frame.Index, frame.Timestamp, reader.Info.FramesPerSecond);
                            await writer.WriteFrameAsync(result, cancellationToken).ConfigureAwait(false);
                            progress.Report(reader.FramesRead, clock.Elapsed);
                        }

                        await writer.WriteSummaryAsync(reader.FramesRead, clock.Elapsed.TotalSeconds, analyzer.DetectorCalls, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            progress.Finish();
            if (partial is not null)
            {
                File.Move(partial, outPath!, overwrite: true);
            }

            string? problem = await reader.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return problem is null ? ExitCodes.Success : context.Fail(problem);
        }
    }
}
