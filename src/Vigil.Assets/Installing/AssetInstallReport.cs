using Vigil.Assets.Cache;

namespace Vigil.Assets.Installing;

/// <summary>The outcome of an install: every asset's final state and the failures.</summary>
public sealed record AssetInstallReport(IReadOnlyList<AssetStatus> Statuses, IReadOnlyList<AssetInstallFailure> Failures)
{
    /// <summary>True when every asset is verified.</summary>
    public bool Succeeded => Failures.Count == 0 && Statuses.All(s => s.IsVerified);
}
