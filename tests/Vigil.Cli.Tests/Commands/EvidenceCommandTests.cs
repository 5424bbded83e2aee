using System.IO.Compression;
using System.Security.Cryptography;
using Vigil.Data.Audit;
using Vigil.Data.Evidence;
using Vigil.Domain.Evidence;

namespace Vigil.Cli.Tests.Commands;

public sealed class EvidenceCommandTests : IDisposable
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Verify_AnIntactPackage_ExitsZero_AChangedClip_IsNamedAndExitsOne()
    {
        (string package, string publicKey) = await WritePackageAsync();

        int intact = await _cli.RunAsync(["evidence", "verify", package, "--public-key", publicKey]);

        Assert.Equal(0, intact);
        Assert.Contains("intact: 1 file(s) of incident inc-1 (fire)", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("approved by auditor-eva", _cli.Output, StringComparison.Ordinal);

        await using (ZipArchive zip = await ZipFile.OpenAsync(package, ZipArchiveMode.Update, CancellationToken.None))
        {
            zip.GetEntry("clips/lobby/a.mp4")!.Delete();
            await using Stream clip = await zip.CreateEntry("clips/lobby/a.mp4").OpenAsync(CancellationToken.None);
            await clip.WriteAsync(new byte[] { 0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70, 9, 9 });
        }

        int broken = await _cli.RunAsync(["evidence", "verify", package, "--public-key", publicKey]);

        Assert.Equal(1, broken);
        Assert.Contains($"vigil: error: evidence package {package} is not as signed: clips/lobby/a.mp4: changed", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WithoutThePackageOrWithABadKey_SaysSoInOneLine()
    {
        (string package, _) = await WritePackageAsync();
        string notAKey = Path.Combine(_cli.Root, "not-a-key.pem");
        await File.WriteAllTextAsync(notAKey, "hello");

        int missing = await _cli.RunAsync(["evidence", "verify", Path.Combine(_cli.Root, "nowhere.zip"), "--public-key", notAKey]);
        string missingError = _cli.Error;
        int badKey = await _cli.RunAsync(["evidence", "verify", package, "--public-key", notAKey]);

        Assert.Equal(2, missing);
        Assert.Contains("no evidence package at", missingError, StringComparison.Ordinal);
        Assert.Equal(2, badKey);
        Assert.Contains("is not a PEM ECDSA key", _cli.Error, StringComparison.Ordinal);
    }

    private async Task<(string Package, string PublicKey)> WritePackageAsync()
    {
        using AuditSigner signer = AuditSigner.LoadOrCreate(Path.Combine(_cli.Root, "keys"));
        string clip = Path.Combine(_cli.Root, "a.mp4");
        byte[] bytes = [0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70, 1, 2];
        await File.WriteAllBytesAsync(clip, bytes);
        string package = Path.Combine(_cli.Root, "evidence.zip");
        await using (FileStream output = File.Create(package))
        {
            await EvidencePackage.WriteAsync(
                output,
                [new EvidenceSource("clips/lobby/a.mp4", EvidenceFile.Clip, "lobby", s_at, s_at.AddSeconds(10), ["alert-1"], clip, Convert.ToHexStringLower(SHA256.HashData(bytes)))],
                files => new EvidenceManifest(
                    EvidenceManifest.CurrentFormat, "req-1", s_at, signer.KeyId, EvidenceManifest.RedactedNotice,
                    new EvidenceIncident("inc-1", "fire", 1, "resolved", "Lobby", -0.2, -78.5, "Smoke in the lobby", s_at),
                    "supervisor-ana", s_at, "Fire investigator's request", "auditor-eva", s_at, null, [], files),
                signer,
                CancellationToken.None);
        }

        string publicKey = Path.Combine(_cli.Root, "audit-public.pem");
        await File.WriteAllTextAsync(publicKey, signer.PublicKeyPem);
        return (package, publicKey);
    }
}
