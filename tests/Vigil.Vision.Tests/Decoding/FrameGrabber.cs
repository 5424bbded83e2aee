using Vigil.Vision.Decoding;

namespace Vigil.Vision.Tests.Decoding;

/// <summary>Decodes chosen frames of a video for tests, with the product's decoder.</summary>
internal static class FrameGrabber
{
    public static async Task<List<OpenCvSharp.Mat>> GrabAsync(string path, params long[] indices)
    {
        await using FfmpegFrameReader reader = await FfmpegFrameReader.OpenAsync(path, CancellationToken.None);
        using var frame = new VideoFrame(reader.Info.Width, reader.Info.Height);
        var wanted = indices.ToHashSet();
        var result = new Dictionary<long, OpenCvSharp.Mat>();
        while (result.Count < wanted.Count && await reader.ReadAsync(frame, CancellationToken.None))
        {
            if (wanted.Contains(frame.Index))
            {
                result[frame.Index] = frame.Mat.Clone();
            }
        }

        return indices.Select(i => result[i]).ToList();
    }
}
