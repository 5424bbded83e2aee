using Vigil.Assets.Cache;
using Vigil.Assets.Manifest;
using Vigil.Vision.Runtime;

namespace Vigil.Cli.Doctor;

/// <summary>The checks <c>vigil doctor</c> runs: tools, native libraries, assets.</summary>
internal static class DoctorChecks
{
    private const string InstallHint = "run './vigil doctor' through the ./vigil script, which installs missing Debian packages";

    public static async Task<IReadOnlyList<DoctorResult>> RunAllAsync(AssetManifest manifest, AssetCache cache, CancellationToken cancellationToken)
    {
        var results = new List<DoctorResult>
        {
            await CheckAsync("ffmpeg", () => NativeRuntimeProbe.FfmpegVersionAsync(cancellationToken), $"install ffmpeg (apt-get install ffmpeg), or {InstallHint}").ConfigureAwait(false),
            await CheckAsync("opencv", () => Task.FromResult(NativeRuntimeProbe.OpenCvVersion()), $"install libgtk-3-0 (apt-get install libgtk-3-0), or {InstallHint}").ConfigureAwait(false),
            await CheckAsync("onnxruntime", () => Task.FromResult(NativeRuntimeProbe.OnnxRuntimeDescription()), "rebuild with './vigil' so the Microsoft.ML.OnnxRuntime native library is restored").ConfigureAwait(false),
        };

        foreach (AssetStatus status in await AssetInspector.InspectAllAsync(cache, manifest, cancellationToken).ConfigureAwait(false))
        {
            results.Add(status.State switch
            {
                AssetState.Verified => new DoctorResult($"asset {status.Asset.Id}", true, "verified"),
                AssetState.Missing => new DoctorResult($"asset {status.Asset.Id}", false, $"missing at {status.Path}", "run './vigil assets install'"),
                _ => new DoctorResult(
                    $"asset {status.Asset.Id}",
                    false,
                    $"checksum mismatch: expected {status.Asset.Sha256}, found {status.ActualSha256}",
                    "run './vigil assets install' to restore it"),
            });
        }

        return results;
    }

    private static async Task<DoctorResult> CheckAsync(string name, Func<Task<string>> probe, string fix)
    {
        try
        {
            return new DoctorResult(name, true, await probe().ConfigureAwait(false));
        }
        catch (InvalidOperationException ex)
        {
            return new DoctorResult(name, false, ex.Message, fix);
        }
    }
}
