using Vigil.Assets.Manifest;

namespace Vigil.Assets.Cache;

/// <summary>The state of one asset in the cache.</summary>
/// <param name="Asset">The manifest entry.</param>
/// <param name="State">Missing, verified or mismatching.</param>
/// <param name="Path">Where the file is or would be.</param>
/// <param name="Size">Bytes on disk, when present.</param>
/// <param name="ActualSha256">The hash found on disk, when present.</param>
public sealed record AssetStatus(AssetEntry Asset, AssetState State, string Path, long? Size, string? ActualSha256)
{
    /// <summary>True when the file may be used.</summary>
    public bool IsVerified => State == AssetState.Verified;
}
