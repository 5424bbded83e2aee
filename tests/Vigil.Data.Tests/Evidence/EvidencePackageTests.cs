using System.IO.Compression;
using System.Security.Cryptography;
using Vigil.Data.Audit;
using Vigil.Data.Evidence;
using Vigil.Domain.Evidence;

namespace Vigil.Data.Tests.Evidence;

/// <summary>A package verifies with its installation's key, and names each file changed, removed or added after signing.</summary>
public sealed class EvidencePackageTests : IDisposable
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vigil-evidence-test-");
    private readonly AuditSigner _signer;

    public EvidencePackageTests() => _signer = AuditSigner.LoadOrCreate(Path.Combine(_root.FullName, "keys"));

    public void Dispose()
    {
        _signer.Dispose();
        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task AWrittenPackage_IsIntact_WithThePublishedKey()
    {
        byte[] package = await WriteAsync();

        using ECDsa key = AuditSigner.PublicKeyFromPem(_signer.PublicKeyPem);
        EvidenceCheck check = await VerifyAsync(package, key);

        Assert.True(check.IsIntact, string.Join("; ", check.Problems));
        Assert.Equal(2, check.FilesChecked);
        Assert.Equal(["clips/lobby/a.mp4", "snapshots/lobby/alert.jpg"], check.Manifest!.Files.Select(f => f.Path));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Clip)), check.Manifest.Files[0].Sha256);
        Assert.Equal("supervisor-ana", check.Manifest.RequestedBy);
    }

    [Fact]
    public async Task AChangedRemovedOrAddedFile_IsNamed()
    {
        byte[] package = await WriteAsync();
        byte[] tampered = Rewrite(package, zip =>
        {
            Replace(zip, "clips/lobby/a.mp4", [.. Clip.Take(Clip.Length - 1), 0x00]);
            zip.GetEntry("snapshots/lobby/alert.jpg")!.Delete();
            using Stream extra = zip.CreateEntry("clips/lobby/extra.mp4").Open();
            extra.Write([1, 2, 3]);
        });

        using ECDsa key = AuditSigner.PublicKeyFromPem(_signer.PublicKeyPem);
        EvidenceCheck check = await VerifyAsync(tampered, key);

        Assert.False(check.IsIntact);
        Assert.Equal(
            ["clips/lobby/a.mp4: changed (its SHA-256 is not the one the signed manifest lists)", "snapshots/lobby/alert.jpg: missing", "clips/lobby/extra.mp4: not in the signed manifest (added to the package)"],
            check.Problems);
    }

    [Fact]
    public async Task AnEditedManifest_OrAnotherInstallationsKey_FailsTheSignature()
    {
        byte[] package = await WriteAsync();
        byte[] edited = Rewrite(package, zip =>
        {
            using var reader = new StreamReader(zip.GetEntry(EvidencePackage.ManifestName)!.Open());
            string json = reader.ReadToEnd();
            reader.Dispose();
            Replace(zip, EvidencePackage.ManifestName, System.Text.Encoding.UTF8.GetBytes(json.Replace("supervisor-ana", "supervisor-bob", StringComparison.Ordinal)));
        });
        using ECDsa key = AuditSigner.PublicKeyFromPem(_signer.PublicKeyPem);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        EvidenceCheck editedCheck = await VerifyAsync(edited, key);
        EvidenceCheck otherKey = await VerifyAsync(package, other);
        EvidenceCheck notZip = await VerifyAsync([1, 2, 3, 4], key);

        Assert.Equal([$"manifest.json: its signature does not verify with key {_signer.KeyId}: the manifest was changed after signing"], editedCheck.Problems);
        Assert.Contains($"signed by key {_signer.KeyId}, not by the key given", Assert.Single(otherKey.Problems), StringComparison.Ordinal);
        Assert.Contains("not a ZIP archive", Assert.Single(notZip.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatNoLongerMatchesItsIndex_MakesNoPackage()
    {
        string clip = Path.Combine(_root.FullName, "a.mp4");
        await File.WriteAllBytesAsync(clip, Clip);
        EvidenceSource source = new("clips/lobby/a.mp4", EvidenceFile.Clip, "lobby", s_at, s_at.AddSeconds(10), ["alert"], clip, new string('0', 64));
        using var output = new MemoryStream();

        var ex = await Assert.ThrowsAsync<EvidenceIntegrityException>(() => EvidencePackage.WriteAsync(output, [source], Manifest, _signer, CancellationToken.None));

        Assert.StartsWith("clips/lobby/a.mp4: the file on disk no longer matches", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] Clip => [0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70, 1, 2, 3, 4];

    private async Task<byte[]> WriteAsync()
    {
        string clip = Path.Combine(_root.FullName, "a.mp4");
        string snapshot = Path.Combine(_root.FullName, "alert.jpg");
        await File.WriteAllBytesAsync(clip, Clip);
        await File.WriteAllBytesAsync(snapshot, [0xFF, 0xD8, 0xFF, 0xD9]);
        EvidenceSource[] sources =
        [
            new("clips/lobby/a.mp4", EvidenceFile.Clip, "lobby", s_at, s_at.AddSeconds(10), ["alert"], clip, Convert.ToHexStringLower(SHA256.HashData(Clip))),
            new("snapshots/lobby/alert.jpg", EvidenceFile.Snapshot, "lobby", s_at, s_at, ["alert"], snapshot, null),
        ];
        using var output = new MemoryStream();
        await EvidencePackage.WriteAsync(output, sources, Manifest, _signer, CancellationToken.None);
        return output.ToArray();
    }

    private EvidenceManifest Manifest(IReadOnlyList<EvidenceFile> files) => new(
        EvidenceManifest.CurrentFormat,
        "request-1",
        s_at,
        _signer.KeyId,
        EvidenceManifest.RedactedNotice,
        new EvidenceIncident("incident-1", "fire", 1, "new", "Lobby", -0.2, -78.5, "Smoke in the lobby", s_at),
        "supervisor-ana",
        s_at,
        "The fire service asked for the footage",
        "auditor-eva",
        s_at,
        null,
        [new EvidenceAlert("alert", "lobby", "smoke", "zone_occupancy", "high", s_at, s_at, s_at.AddSeconds(10))],
        files);

    private static async Task<EvidenceCheck> VerifyAsync(byte[] package, ECDsa key)
    {
        using var input = new MemoryStream(package);
        return await EvidencePackage.VerifyAsync(input, key, CancellationToken.None);
    }

    private static byte[] Rewrite(byte[] package, Action<ZipArchive> change)
    {
        using var copy = new MemoryStream();
        copy.Write(package);
        using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            change(zip);
        }

        return copy.ToArray();
    }

    private static void Replace(ZipArchive zip, string name, byte[] bytes)
    {
        zip.GetEntry(name)!.Delete();
        using Stream target = zip.CreateEntry(name).Open();
        target.Write(bytes);
    }
}
