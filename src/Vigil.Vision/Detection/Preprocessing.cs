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
        int plane = size * size;
        byte* pixels = (byte*)resized.Data;
        long step = resized.Step();
        fixed (float* output = nchw)
        {
            float* r = output;
            float* g = output + plane;
            float* b = output + (2 * plane);
            for (int y = 0; y < size; y++)
            {
                byte* row = pixels + (y * step);
                int offset = y * size;
                for (int x = 0; x < size; x++)
                {
                    b[offset + x] = row[3 * x] * Scale;
                    g[offset + x] = row[(3 * x) + 1] * Scale;
                    r[offset + x] = row[(3 * x) + 2] * Scale;
                }
            }
        }
    }
}
