using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Vigil.Cli.Analyze;
using Vigil.Domain.Cameras;
using Vigil.Domain.Geometry;
using Vigil.Vision.Analysis;
using Vigil.Vision.Decoding;
using Vigil.Vision.Detection;
using Vigil.Vision.Faces;
using Vigil.Vision.Motion;
using Vigil.Vision.Pipeline;
using Vigil.Vision.Redaction;
using Vigil.Vision.Tracking;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil redact IN OUT.mp4</c>: a redacted copy of a video, e.g. to release footage.</summary>
internal static class RedactCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("input") { Description = "Video file or stream URL to redact." };
        var output = new Argument<string>("output") { Description = "The redacted MP4 (H.264) to write." };
        var mode = new Option<string>("--mode") { Description = "people (pixelate every person) or faces (blur faces and heads).", DefaultValueFactory = _ => "people" };
        mode.AcceptOnlyFromAmong("people", "faces");
        var masks = new Option<string[]>("--mask") { Description = "A privacy mask filled solid: normalised points 'x,y x,y x,y ...' (repeatable).", AllowMultipleArgumentsPerToken = false };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads for the detectors.", DefaultValueFactory = _ => 2 };
        var command = new Command("redact", "Write a redacted copy of a video: people pixelated (or faces blurred), masks filled, whole frames pixelated when detection cannot be trusted.")
        {
            input, output, mode, masks, threads,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            context,
            parse.GetValue(input)!,
            parse.GetValue(output)!,
            parse.GetValue(mode) == "faces" ? RedactionMode.Faces : RedactionMode.People,
            parse.GetValue(masks) ?? [],
            parse.GetValue(threads),
            cancellationToken));
        return command;
    }

    /// <summary>Parses "x,y x,y x,y" into a normalised polygon; null and a reason when it is not one.</summary>
    internal static Polygon? ParseMask(string text, out string? problem)
    {
        var points = new List<PointF2>();
        foreach (string pair in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] xy = pair.Split(',');
            if (xy.Length != 2
                || !double.TryParse(xy[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double x)
                || !double.TryParse(xy[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double y))
            {
                problem = $"mask point '{pair}' is not 'x,y'";
                return null;
            }

            if (x is < 0 or > 1 || y is < 0 or > 1)
            {
                problem = $"mask point '{pair}' is outside 0..1 (coordinates are normalised)";
                return null;
            }

            points.Add(new PointF2(x, y));
        }

        if (points.Count < 3)
        {
            problem = $"mask '{text}' has {points.Count} point(s); a mask needs at least three";
            return null;
        }

        if (Polygon.IsSelfIntersecting(points))
        {
            problem = $"mask '{text}' crosses itself; list its points in order around the area";
            return null;
        }

        problem = null;
        return new Polygon(points);
    }

    private static async Task<int> RunAsync(CliContext context, string input, string output, RedactionMode mode, string[] maskTexts, int threads, CancellationToken cancellationToken)
    {
        var masks = new List<Polygon>();
        foreach (string text in maskTexts)
        {
            if (ParseMask(text, out string? problem) is { } mask)
            {
                masks.Add(mask);
            }
            else
            {
                return context.Fail(problem!, ExitCodes.Usage);
            }
        }

        if (threads is < 1 or > 64)
        {
            return context.Fail($"--threads must be between 1 and 64, not {threads}", ExitCodes.Usage);
        }

        string partial = output + ".partial.mp4";
        try
        {
            await File.WriteAllBytesAsync(partial, [], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return context.Fail($"cannot write {output}: {ex.Message}");
        }

        FfmpegFrameReader reader;
        try
        {
            reader = await FfmpegFrameReader.OpenAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoSourceException ex)
        {
            File.Delete(partial);
            return context.Fail(ex.Message);
        }

        await using (reader.ConfigureAwait(false))
        {
            string? problem = await RedactAsync(context, reader, partial, mode, masks, threads, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                File.Delete(partial);
                return context.Fail(problem);
            }

            File.Move(partial, output, overwrite: true);
            return ExitCodes.Success;
        }
    }

    private static async Task<string?> RedactAsync(CliContext context, FfmpegFrameReader reader, string path, RedactionMode mode, List<Polygon> masks, int threads, CancellationToken cancellationToken)
    {
        using var detector = NanoDetDetector.Create(await context.Assets.GetVerifiedPathAsync(DetectorModels.QuantizedAsset, cancellationToken).ConfigureAwait(false), new DetectorOptions { Threads = threads });
        using BlazeFaceDetector? faces = mode == RedactionMode.Faces
            ? BlazeFaceDetector.Create(await context.Assets.GetVerifiedPathAsync("blazeface-back", cancellationToken).ConfigureAwait(false), new RedactionOptions().FaceThreshold, threads)
            : null;

        // Offline redaction can afford detection on every frame: the freshest boxes hide the most.
        using var chain = new FrameChain(null, Path.GetFileNameWithoutExtension(path), detector, new Redactor(mode, masks, new RedactionOptions(), faces), new AnalysisOptions { DetectFps = null, MotionGating = false }, new MotionOptions(), new TrackerOptions(), TimeProvider.System);
        var writer = FfmpegVideoWriter.Start(path, reader.Info.Width, reader.Info.Height, reader.Info.FramesPerSecond);
        await using (writer.ConfigureAwait(false))
        {
            var progress = new ProgressLine(context.Error, reader.Info.FrameCount, enabled: !Console.IsErrorRedirected && context.Error == Console.Error);
            var clock = Stopwatch.StartNew();
            var frames = new ReadAheadFrameReader(reader);
            await using (frames.ConfigureAwait(false))
            {
                try
                {
                    while (await frames.ReadAsync(cancellationToken).ConfigureAwait(false) is { } frame)
                    {
                        chain.Step(frame.Mat, frame.Index, frame.Timestamp, reader.Info.FramesPerSecond);
                        frames.Return(frame);
                        await writer.WriteAsync(chain.Redacted!, cancellationToken).ConfigureAwait(false);
                        progress.Report(chain.Analysis!.Index + 1, clock.Elapsed);
                    }
                }
                catch (VideoSourceException ex)
                {
                    return ex.Message;
                }
            }

            progress.Finish();
            string? encoder = await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            string? decoder = await reader.CompleteAsync(cancellationToken).ConfigureAwait(false);
            if (encoder is not null || decoder is not null)
            {
                return encoder ?? decoder;
            }

            context.Out.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"redacted {reader.FramesRead} frames ({chain.FailClosedFrames} pixelated whole, failing closed) in {clock.Elapsed.TotalSeconds:0.0} s"));
            return null;
        }
    }
}
