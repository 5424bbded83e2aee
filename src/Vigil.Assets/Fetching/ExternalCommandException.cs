namespace Vigil.Assets.Fetching;

/// <summary>A package client (npm, apt-get, dpkg-deb) could not be started or failed.</summary>
public sealed class ExternalCommandException : Exception
{
    public ExternalCommandException()
    {
    }

    public ExternalCommandException(string message)
        : base(message)
    {
    }

    public ExternalCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
