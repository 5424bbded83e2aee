namespace Vigil.Assets.Manifest;

/// <summary>The asset manifest is malformed or names a file Vigil must never use.</summary>
public sealed class AssetManifestException : Exception
{
    public AssetManifestException()
    {
    }

    public AssetManifestException(string message)
        : base(message)
    {
    }

    public AssetManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
