namespace Vigil.Data.Originals;

/// <summary>An original segment that does not authenticate: tampered with, cut short, another camera's, or sealed under another key.</summary>
public sealed class OriginalIntegrityException : Exception
{
    public OriginalIntegrityException()
    {
    }

    public OriginalIntegrityException(string message)
        : base(message)
    {
    }

    public OriginalIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
