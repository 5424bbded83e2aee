namespace Vigil.Vision.Redaction;

/// <summary>
/// A JPEG of a <see cref="RedactedFrame"/>: the only picture type the live view, the snapshot store
/// and (as it lands) the recorder accept. Its constructor is internal and only
/// <see cref="RedactedFrame.EncodeJpeg"/> calls it (a test checks the assembly's IL), so no bytes of
/// an unredacted picture can be passed where this type is asked for.
/// </summary>
public sealed class RedactedJpeg
{
    private readonly byte[] _bytes;

    internal RedactedJpeg(byte[] bytes) => _bytes = bytes;

    /// <summary>The encoded picture.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    public int Length => _bytes.Length;
}
