using OpenCvSharp;
using Vigil.Vision.Interop;

namespace Vigil.Vision.Detection;

/// <summary>Frame → network input, into caller-owned buffers.</summary>
internal static class Preprocessing
{
    private const float Scale = 1f / 255f;

    /// <summary>
    /// Resizes a BGR frame to <paramref name="size"/>² (bilinear, stretched like Human does) into
    /// <paramref name="resized"/>, then writes planar RGB scaled to 0..1 into <paramref name="nchw"/>.
    /// </summary>
    public static void ToNchwRgb(Mat bgr, Mat resized, float[] nchw, int size) => ToNchwRgb(bgr, bgr, resized, resized, nchw, size);

    /// <summary>
    /// The same, with the OpenCV wrapper of <paramref name="bgr"/> made by the caller once (see
    /// <see cref="InputArrayCache"/>).
    /// </summary>
    public static unsafe void ToNchwRgb(Mat bgr, InputArray bgrArray, Mat resized, OutputArray resizedArray, float[] nchw, int size)
    {
        if (bgr.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Expected an 8-bit BGR frame, got {bgr.Type()}.", nameof(bgr));
        }

        Cv2.Resize(bgrArray, resizedArray, new Size(size, size), 0, 0, InterpolationFlags.Linear);
        ToPlanarRgb((byte*)resized.Data, resized.Step(), size, size, nchw);
    }

    /// <summary>
    /// A region of a BGR frame as planar RGB 0..1 of the region's input size into
    /// <paramref name="nchw"/>: read straight from the frame when the region is at native
    /// resolution, else resized (bilinear) through <paramref name="scratch"/>.
    /// </summary>
    public static unsafe void RegionToNchwRgb(Mat bgr, in DetectionRegion region, Mat scratch, float[] nchw)
    {
        if (bgr.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Expected an 8-bit BGR frame, got {bgr.Type()}.", nameof(bgr));
        }

        byte* pixels;
        long step;
        if (region.Native)
        {
            step = bgr.Step();
            pixels = (byte*)bgr.Data + (region.Y * step) + (region.X * 3);
        }
        else
        {
            using (var roi = new Mat(bgr, new Rect(region.X, region.Y, region.Width, region.Height)))
            {
                Cv2.Resize(roi, scratch, new Size(region.InputWidth, region.InputHeight), 0, 0, InterpolationFlags.Linear);
            }

            step = scratch.Step();
            pixels = (byte*)scratch.Data;
        }

        ToPlanarRgb(pixels, step, region.InputWidth, region.InputHeight, nchw);
    }

    /// <summary>BGR rows (<paramref name="step"/> bytes apart) as planar RGB scaled to 0..1.</summary>
    private static unsafe void ToPlanarRgb(byte* pixels, long step, int width, int height, float[] nchw)
    {
        int plane = width * height;
        fixed (float* output = nchw)
        {
            float* r = output;
            float* g = output + plane;
            float* b = output + (2 * plane);
            for (int y = 0; y < height; y++)
            {
                byte* row = pixels + (y * step);
                int offset = y * width;
                for (int x = 0; x < width; x++)
                {
                    b[offset + x] = row[3 * x] * Scale;
                    g[offset + x] = row[(3 * x) + 1] * Scale;
                    r[offset + x] = row[(3 * x) + 2] * Scale;
                }
            }
        }
    }
}
