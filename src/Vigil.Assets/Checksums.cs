using System.Security.Cryptography;
using System.Text;

namespace Vigil.Assets;

/// <summary>SHA-256 helpers that return lower-case hex, the form the manifest uses.</summary>
public static class Checksums
{
    /// <summary>SHA-256 of a file's bytes.</summary>
    public static async Task<string> Sha256OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
        byte[] hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>SHA-256 of bytes in memory.</summary>
    public static string Sha256OfBytes(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>SHA-256 of a text's UTF-8 bytes.</summary>
    public static string Sha256OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
