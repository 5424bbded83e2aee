namespace Vigil.Vision.Recording;

/// <summary>
/// A JPEG of an original frame with its viewer's watermark burnt in (issue 22): the only picture type
/// the unmask view serves. Its constructor is internal and only <see cref="OriginalPlayback"/> calls it,
/// after drawing the watermark, so no original picture can be served without one.
/// </summary>
public sealed class WatermarkedJpeg
{
    private readonly byte[] _bytes;

    internal WatermarkedJpeg(byte[] bytes, TimeSpan at) => (_bytes, At) = (bytes, at);

    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>The frame's time in the range played.</summary>
    public TimeSpan At { get; }
}
