using OpenCvSharp;
using Vigil.Domain.Cameras;
using Vigil.Domain.Observations;
using Vigil.Vision.Analysis;
using Vigil.Vision.Decoding;
using Vigil.Vision.Detection;
using Vigil.Vision.Faces;
using Vigil.Vision.Motion;
using Vigil.Vision.Redaction;
using Vigil.Vision.Tracking;

namespace Vigil.Vision.Tests.Redaction;

/// <summary>Runs analysis and redaction over a video as a camera pipeline would, keeping chosen frames.</summary>
internal static class RedactionHarness
{
    public sealed record Sample(Mat Original, Mat Redacted, IReadOnlyList<DetectedObject> People, FailClosedReason FailedClosed);

    public static async Task<List<Sample>> RunAsync(string video, RedactionMode mode, IObjectDetector? detector, params long[] keep)
    {
        using var ownDetector = detector is null ? NanoDetDetector.Create(TestAssets.NanoDetModel, new DetectorOptions()) : null;
        using var faces = BlazeFaceDetector.Create(TestAssets.Path("blazeface-back"));
        using var analyzer = new FrameAnalyzer(detector ?? ownDetector!, new AnalysisOptions { DetectFps = null }, new MotionOptions(), new TrackerOptions());
        using var redactor = new Redactor(mode, [], new RedactionOptions(), faces);
        using RedactedFrame redacted = Redactor.CreateFrame();
        await using FfmpegFrameReader reader = await FfmpegFrameReader.OpenAsync(video, CancellationToken.None);
        using var frame = new VideoFrame(reader.Info.Width, reader.Info.Height);
        var wanted = keep.ToHashSet();
        var samples = new List<Sample>();
        while (samples.Count < wanted.Count && await reader.ReadAsync(frame, CancellationToken.None))
        {
            FrameAnalysis r = analyzer.Process(frame.Mat, frame.Index, frame.Timestamp, reader.Info.FramesPerSecond);
            redactor.Redact(frame.Mat, r, redacted);
            if (wanted.Contains(frame.Index))
            {
                samples.Add(new Sample(frame.Mat.Clone(), ToMat(redacted), r.Detections.Where(d => d.Label == "person").ToArray(), redacted.FailedClosed));
            }
        }

        return samples;
    }

    /// <summary>The redacted pixels as a Mat the test owns (through the frame's public encoder copy).</summary>
    public static Mat ToMat(RedactedFrame frame)
    {
        byte[] bgr = new byte[frame.Width * frame.Height * 3];
        frame.CopyBgrTo(bgr);
        using Mat view = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_8UC3, bgr);
        return view.Clone();
    }

    /// <summary>
    /// Correlation of the fine detail (image minus its 9×9 blur) of two regions: 1 when the
    /// detail that makes a person or face recognisable is intact, near 0 when it is gone.
    /// </summary>
    public static double DetailCorrelation(Mat a, Mat b, Rect region)
    {
        region &= new Rect(0, 0, a.Width, a.Height);
        using var ga = new Mat(a, region).CvtColor(ColorConversionCodes.BGR2GRAY);
        using var gb = new Mat(b, region).CvtColor(ColorConversionCodes.BGR2GRAY);
        using Mat da = Detail(ga);
        using Mat db = Detail(gb);
        Cv2.MeanStdDev(da, out Scalar _, out Scalar sa);
        Cv2.MeanStdDev(db, out Scalar _, out Scalar sb);
        if (sa.Val0 < 1e-6 || sb.Val0 < 1e-6)
        {
            return 0;
        }

        using var product = new Mat();
        Cv2.Multiply(da, db, product);
        return Cv2.Mean(product).Val0 / (sa.Val0 * sb.Val0);
    }

    public static Rect[] Faces(CascadeClassifier haar, Mat bgr)
    {
        // Upscaled 2x so the small faces of vtest.avi are within the cascade's reach.
        using var gray = bgr.CvtColor(ColorConversionCodes.BGR2GRAY);
        using var big = gray.Resize(new Size(), 2, 2);
        return haar.DetectMultiScale(big, 1.05, 3, HaarDetectionTypes.ScaleImage, new Size(16, 16))
            .Select(r => new Rect(r.X / 2, r.Y / 2, r.Width / 2, r.Height / 2)).ToArray();
    }

    private static Mat Detail(Mat gray)
    {
        var f = new Mat();
        gray.ConvertTo(f, MatType.CV_32F);
        using var blur = new Mat();
        Cv2.GaussianBlur(f, blur, new Size(9, 9), 0);
        Cv2.Subtract(f, blur, f);
        Cv2.Subtract(f, Cv2.Mean(f), f);
        return f;
    }
}
