namespace Vigil.Vision.Decoding;

/// <summary>A video cannot be opened or read; the message is one line a person can act on.</summary>
public sealed class VideoSourceException : Exception
{
    public VideoSourceException()
    {
    }

    public VideoSourceException(string message)
        : base(message)
    {
    }

    public VideoSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
