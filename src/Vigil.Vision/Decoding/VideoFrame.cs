using System.Runtime.InteropServices;
using OpenCvSharp;

namespace Vigil.Vision.Decoding;

/// <summary>
/// A reusable BGR frame: one pinned managed buffer that ffmpeg's output is read into directly,
/// and an OpenCV header over the same memory. Its owner reuses it frame after frame.
/// </summary>
public sealed class VideoFrame : IDisposable
{
    private readonly byte[] _buffer;
    private GCHandle _pin;

    public VideoFrame(int width, int height)
    {
        Width = width;
        Height = height;
        _buffer = GC.AllocateUninitializedArray<byte>(width * height * 3, pinned: true);
        _pin = GCHandle.Alloc(_buffer, GCHandleType.Pinned);
        Mat = Mat.FromPixelData(height, width, MatType.CV_8UC3, _pin.AddrOfPinnedObject());
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The frame as an OpenCV matrix (BGR, 8 bits per channel).</summary>
    public Mat Mat { get; }

    /// <summary>Frame number from the start of the source, 0-based.</summary>
    public long Index { get; set; }

    /// <summary>Presentation time from the start of the source.</summary>
    public TimeSpan Timestamp { get; set; }

    /// <summary>Wall-clock time the decoder handed this frame over (for end-to-end latency).</summary>
    public DateTimeOffset DecodedAt { get; set; }

    /// <summary>The raw bytes, for the decoder to fill.</summary>
    public Memory<byte> Buffer => _buffer;

    public void Dispose()
    {
        Mat.Dispose();
        if (_pin.IsAllocated)
        {
            _pin.Free();
        }
    }
}
