using System.Security.Cryptography;
using System.Text;
using Vigil.Domain.Audit;

namespace Vigil.Data.Audit;

/// <summary>
/// The installation's ECDSA P-256 key for audit checkpoints: created on first use as
/// <c>KEYS/audit-signing.pem</c> (PKCS#8, readable by the service user only); its public key is
/// published on the transparency page and is what <c>vigil audit verify</c> checks against.
/// </summary>
public sealed class AuditSigner : IDisposable
{
    public const string FileName = "audit-signing.pem";

    private readonly ECDsa _key;

    private AuditSigner(ECDsa key)
    {
        _key = key;
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
        KeyId = KeyIdOf(key);
    }

    public string PublicKeyPem { get; }

    public string KeyId { get; }

    /// <summary>Loads the key from the folder, creating it (and the folder) the first time.</summary>
    public static AuditSigner LoadOrCreate(string keysDirectory)
    {
        if (!Directory.Exists(keysDirectory))
        {
            Directory.CreateDirectory(keysDirectory);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keysDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        string path = Path.Combine(keysDirectory, FileName);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            string partial = path + ".partial";
            File.WriteAllText(partial, key.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(partial, path);
        }

        return new AuditSigner(key);
    }

    public AuditCheckpoint Sign(long sequence, string hash, DateTimeOffset at)
    {
        DateTimeOffset normalized = AuditChain.Normalize(at);
        byte[] signature = _key.SignData(Encoding.UTF8.GetBytes(AuditCheckpoint.PayloadOf(sequence, hash, normalized)), HashAlgorithmName.SHA256);
        return new AuditCheckpoint(sequence, hash, normalized, KeyId, Convert.ToBase64String(signature));
    }

    /// <summary>Signs bytes whose meaning the caller fixes with its own prefix (an evidence manifest); IEEE P1363 r‖s.</summary>
    public byte[] Sign(byte[] data) => _key.SignData(data, HashAlgorithmName.SHA256);

    /// <summary>A public key from its PEM (for verification).</summary>
    public static ECDsa PublicKeyFromPem(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return key;
    }

    public static bool IsValid(ECDsa publicKey, AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(checkpoint);
        try
        {
            return publicKey.VerifyData(Encoding.UTF8.GetBytes(checkpoint.Payload), Convert.FromBase64String(checkpoint.Signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static string KeyIdOf(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    public void Dispose() => _key.Dispose();
}
