using OpenCvSharp;

namespace Vigil.Vision.Redaction;

/// <summary>
/// A frame that has been through the redactor: the only image type the web layer, recorder and
/// snapshot store accept. Its constructor is internal and only <see cref="Redactor"/> calls it
/// (a test checks the assembly's IL for any other caller); the pixels are reachable only as
/// encoded JPEG or raw bytes for an encoder, never as an unredacted source.
/// </summary>
public sealed class RedactedFrame : IDisposable
{
    private readonly Mat _pixels = new();

    internal RedactedFrame()
    {
    }

    public int Width => _pixels.Width;

    public int Height => _pixels.Height;

    /// <summary>Source frame number.</summary>
    public long Index { get; internal set; }

    /// <summary>Source frame time.</summary>
    public TimeSpan Timestamp { get; internal set; }

    /// <summary>Wall-clock time the source frame was decoded, when known.</summary>
    public DateTimeOffset DecodedAt { get; internal set; }

    /// <summary>Why the whole frame was pixelated, or <see cref="FailClosedReason.None"/>.</summary>
    public FailClosedReason FailedClosed { get; internal set; }

    /// <summary>Whether the redactor has filled this frame.</summary>
    public bool HasContent => !_pixels.Empty();

    /// <summary>The redacted pixels, for the redactor that fills them.</summary>
    internal Mat Pixels => _pixels;

    /// <summary>Encodes the redacted frame as JPEG: the one way to make a <see cref="RedactedJpeg"/>.</summary>
    /// <param name="quality">1..100.</param>
    public RedactedJpeg EncodeJpeg(int quality)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        EnsureContent();
        Cv2.ImEncode(".jpg", _pixels, out byte[] jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        return new RedactedJpeg(jpeg);
    }

    /// <summary>Copies the redacted BGR24 pixels, row by row, for a video encoder.</summary>
    public unsafe void CopyBgrTo(Span<byte> destination)
    {
        EnsureContent();
        int rowBytes = Width * 3;
        if (destination.Length < rowBytes * Height)
        {
            throw new ArgumentException($"Need {rowBytes * Height} bytes.", nameof(destination));
        }

        for (int y = 0; y < Height; y++)
        {
            new ReadOnlySpan<byte>((byte*)_pixels.Ptr(y), rowBytes).CopyTo(destination.Slice(y * rowBytes, rowBytes));
        }
    }

    public void Dispose() => _pixels.Dispose();

    private void EnsureContent()
    {
        if (!HasContent)
        {
            throw new InvalidOperationException("This frame has not been redacted yet.");
        }
    }
}
