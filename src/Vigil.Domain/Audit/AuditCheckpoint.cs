using System.Globalization;

namespace Vigil.Domain.Audit;

/// <summary>
/// A signed statement "the audit log had <see cref="Hash"/> at entry <see cref="Sequence"/> at time
/// <see cref="At"/>". Published checkpoints make a rewritten or truncated log detectable even by
/// someone who can write to the database: they cannot sign without the installation's key.
/// </summary>
/// <param name="Sequence">The entry the checkpoint covers (and all before it).</param>
/// <param name="Hash">That entry's chain hash.</param>
/// <param name="At">When it was signed.</param>
/// <param name="KeyId">First 16 hex digits of the SHA-256 of the signing key's public key.</param>
/// <param name="Signature">ECDSA P-256 over <see cref="Payload"/>, base64 (IEEE P1363 r‖s).</param>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTimeOffset At, string KeyId, string Signature)
{
    /// <summary>What is signed.</summary>
    public string Payload => PayloadOf(Sequence, Hash, At);

    public static string PayloadOf(long sequence, string hash, DateTimeOffset at) => string.Create(
        CultureInfo.InvariantCulture,
        $"vigil-audit-checkpoint\n{sequence}\n{hash}\n{AuditChain.Normalize(at):yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}");
}
