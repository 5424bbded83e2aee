namespace Vigil.Data.Evidence;

/// <summary>A file to be packaged is not what the index recorded (changed or truncated on disk): no package is made.</summary>
public sealed class EvidenceIntegrityException : Exception
{
    public EvidenceIntegrityException()
    {
    }

    public EvidenceIntegrityException(string message)
        : base(message)
    {
    }

    public EvidenceIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
