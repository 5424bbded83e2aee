namespace Vigil.Assets.Conversion;

/// <summary>A model could not be converted: an unsupported operator, attribute or layout.</summary>
public sealed class ConversionException : Exception
{
    public ConversionException()
    {
    }

    public ConversionException(string message)
        : base(message)
    {
    }

    public ConversionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
