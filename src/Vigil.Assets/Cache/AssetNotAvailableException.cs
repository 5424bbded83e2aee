namespace Vigil.Assets.Cache;

/// <summary>An asset the product needs is missing from the cache or fails its checksum.</summary>
public sealed class AssetNotAvailableException : Exception
{
    public AssetNotAvailableException()
    {
    }

    public AssetNotAvailableException(string message)
        : base(message)
    {
    }

    public AssetNotAvailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
