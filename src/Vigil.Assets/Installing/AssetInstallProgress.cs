namespace Vigil.Assets.Installing;

/// <summary>One step of an install, for a progress display.</summary>
/// <param name="Stage">What is happening.</param>
/// <param name="Subject">The package or asset it concerns.</param>
/// <param name="Completed">Assets verified so far.</param>
/// <param name="Total">Assets in the manifest.</param>
/// <param name="Detail">Extra words, such as a failure's reason.</param>
public sealed record AssetInstallProgress(AssetInstallStage Stage, string Subject, int Completed, int Total, string? Detail = null);
