namespace Vigil.Data.Originals;

/// <summary><c>DATA/keys/originals.key</c>: the installation key, wrapped (AES-256-GCM) by the key PBKDF2-SHA256 derives from the secret and <see cref="Salt"/>.</summary>
internal sealed record OriginalKeyFile(int Version, Guid KeyId, int Iterations, byte[] Salt, byte[] Nonce, byte[] Tag, byte[] Key);
