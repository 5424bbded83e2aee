using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.Data.Audit;
using Vigil.Domain.Evidence;

namespace Vigil.Data.Evidence;

/// <summary>
/// The evidence package (ADR 017): a ZIP (stored, not compressed: the media is compressed already) of
/// the files, <c>manifest.json</c> listing each with its SHA-256, and <c>manifest.sig</c>, the
/// installation's audit key's ECDSA P-256 signature over the manifest's exact bytes. Verifying needs
/// only the package and the public key from the transparency page.
/// </summary>
public static class EvidencePackage
{
    public const string ManifestName = "manifest.json";
    public const string SignatureName = "manifest.sig";

    /// <summary>The largest manifest a verifier reads (a package's is a few kilobytes).</summary>
    private const int MaxManifestBytes = 16 * 1024 * 1024;

    /// <summary>Signed before the manifest, so no other signature of the same key can pass for a manifest's.</summary>
    private static readonly byte[] s_domain = Encoding.UTF8.GetBytes("vigil-evidence-manifest\n");
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Writes the package: each source (hashed as it is copied; a segment that no longer matches its
    /// index aborts with <see cref="EvidenceIntegrityException"/>), then the manifest made from the
    /// files and its signature. Returns the manifest.
    /// </summary>
    public static async Task<EvidenceManifest> WriteAsync(
        Stream output,
        IReadOnlyList<EvidenceSource> sources,
        Func<IReadOnlyList<EvidenceFile>, EvidenceManifest> manifestOf,
        AuditSigner signer,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(manifestOf);
        ArgumentNullException.ThrowIfNull(signer);
        var files = new List<EvidenceFile>(sources.Count);
        ZipArchive zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false);
        await using var owned = zip.ConfigureAwait(false);
        foreach (EvidenceSource source in sources)
        {
            ZipArchiveEntry entry = zip.CreateEntry(source.PackagePath, CompressionLevel.NoCompression);
            (long bytes, string sha) = await CopyHashedAsync(source.SourceFile, entry, cancellationToken).ConfigureAwait(false);
            if (source.ExpectedSha256 is { } expected && !string.Equals(expected, sha, StringComparison.OrdinalIgnoreCase))
            {
                throw new EvidenceIntegrityException($"{source.PackagePath}: the file on disk no longer matches the SHA-256 recorded when it was written; it was changed or damaged, so no package is made");
            }

            files.Add(new EvidenceFile(source.PackagePath, source.Kind, source.CameraId, source.From, source.To, bytes, sha, source.AlertIds));
        }

        EvidenceManifest manifest = manifestOf(files);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(manifest, s_json);
        await WriteEntryAsync(zip, ManifestName, json, cancellationToken).ConfigureAwait(false);
        await WriteEntryAsync(zip, SignatureName, Encoding.ASCII.GetBytes(Convert.ToBase64String(signer.Sign(Signed(json))) + "\n"), cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    /// <summary>Checks a package against the public key: the manifest's signature, then every file it lists, then files it does not list.</summary>
    public static async Task<EvidenceCheck> VerifyAsync(Stream package, ECDsa publicKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ZipArchive zip;
        try
        {
            zip = await ZipArchive.CreateAsync(package, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            return new EvidenceCheck(null, ["the file is not a ZIP archive, so not a Vigil evidence package"], 0);
        }

        await using (zip.ConfigureAwait(false))
        {
            if (zip.GetEntry(ManifestName) is not { } manifestEntry)
            {
                return new EvidenceCheck(null, [$"{ManifestName}: missing (not a Vigil evidence package, or its manifest was removed)"], 0);
            }

            if (manifestEntry.Length > MaxManifestBytes)
            {
                return new EvidenceCheck(null, [$"{ManifestName}: larger than any manifest Vigil writes"], 0);
            }

            byte[] json = await ReadAllAsync(manifestEntry, cancellationToken).ConfigureAwait(false);
            EvidenceManifest? manifest;
            try
            {
                manifest = JsonSerializer.Deserialize<EvidenceManifest>(json, s_json);
            }
            catch (JsonException ex)
            {
                return new EvidenceCheck(null, [$"{ManifestName}: not a manifest ({ex.Message})"], 0);
            }

            if (manifest is null || manifest.Files is null || manifest.Format != EvidenceManifest.CurrentFormat)
            {
                return new EvidenceCheck(null, [$"{ManifestName}: not a {EvidenceManifest.CurrentFormat} manifest"], 0);
            }

            var problems = new List<string>();
            string? signatureProblem = await SignatureProblemAsync(zip, json, manifest, publicKey, cancellationToken).ConfigureAwait(false);
            if (signatureProblem is not null)
            {
                problems.Add(signatureProblem);
            }

            var listed = new HashSet<string>(StringComparer.Ordinal) { ManifestName, SignatureName };
            foreach (EvidenceFile file in manifest.Files)
            {
                listed.Add(file.Path);
                if (zip.GetEntry(file.Path) is not { } entry)
                {
                    problems.Add($"{file.Path}: missing");
                    continue;
                }

                (long bytes, string sha) = await HashAsync(entry, cancellationToken).ConfigureAwait(false);
                if (bytes != file.Bytes || !string.Equals(sha, file.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{file.Path}: changed (its SHA-256 is not the one the signed manifest lists)");
                }
            }

            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                bool folder = entry.FullName.EndsWith('/') && entry.Length == 0;
                if (!folder && !listed.Contains(entry.FullName))
                {
                    problems.Add($"{entry.FullName}: not in the signed manifest (added to the package)");
                }
            }

            return new EvidenceCheck(manifest, problems, manifest.Files.Count);
        }
    }

    private static async Task<string?> SignatureProblemAsync(ZipArchive zip, byte[] json, EvidenceManifest manifest, ECDsa publicKey, CancellationToken cancellationToken)
    {
        if (zip.GetEntry(SignatureName) is not { } signatureEntry || signatureEntry.Length > 1024)
        {
            return $"{SignatureName}: missing, so nothing vouches for the manifest";
        }

        string text = Encoding.ASCII.GetString(await ReadAllAsync(signatureEntry, cancellationToken).ConfigureAwait(false)).Trim();
        bool valid;
        try
        {
            valid = publicKey.VerifyData(Signed(json), Convert.FromBase64String(text), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            valid = false;
        }

        if (valid)
        {
            return null;
        }

        string keyId = AuditSigner.KeyIdOf(publicKey);
        return string.Equals(keyId, manifest.KeyId, StringComparison.Ordinal)
            ? $"{ManifestName}: its signature does not verify with key {keyId}: the manifest was changed after signing"
            : $"{ManifestName}: signed by key {manifest.KeyId}, not by the key given ({keyId}): another installation's package, or the wrong key";
    }

    private static byte[] Signed(byte[] json) => [.. s_domain, .. json];

    private static async Task<(long Bytes, string Sha256)> CopyHashedAsync(string sourceFile, ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        var input = new FileStream(sourceFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (input.ConfigureAwait(false))
        {
            Stream target = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (target.ConfigureAwait(false))
            {
                return await PumpAsync(input, target, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<(long Bytes, string Sha256)> HashAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        Stream input = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (input.ConfigureAwait(false))
        {
            return await PumpAsync(input, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<(long Bytes, string Sha256)> PumpAsync(Stream input, Stream? target, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
        long total = 0;
        try
        {
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                if (target is not null)
                {
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                total += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task<byte[]> ReadAllAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        Stream input = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (input.ConfigureAwait(false))
        {
            using var copy = new MemoryStream();
            await input.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            return copy.ToArray();
        }
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string name, byte[] bytes, CancellationToken cancellationToken)
    {
        Stream target = await zip.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (target.ConfigureAwait(false))
        {
            await target.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }
}
