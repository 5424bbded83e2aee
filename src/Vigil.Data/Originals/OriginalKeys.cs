using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Vigil.Data.Originals;

/// <summary>
/// The installation key of the originals (issue 22, ADR 019) and the sealing of each segment under it.
/// Each segment is encrypted with AES-256-GCM under a data key of its own; the data key is wrapped
/// (AES-256-GCM) by the installation key; the installation key is kept in <c>DATA/keys/originals.key</c>
/// (0600) only wrapped by a key derived from the operator-held secret (<c>Vigil:OriginalsSecret</c>,
/// PBKDF2-SHA256), so the data folder alone (a backup, a stolen disk) opens nothing. The camera, the
/// segment's times and the key id are authenticated with it: a file moved to another camera or time,
/// cut short or changed in one byte does not open.
/// </summary>
public sealed class OriginalKeys : IDisposable
{
    public const string FileName = "originals.key";
    public const int MinSecretLength = 16;
    private const int Iterations = 600_000;
    private static readonly byte[] s_magic = "VGORIG01"u8.ToArray();
    private readonly byte[] _key;

    private OriginalKeys(Guid keyId, byte[] key) => (KeyId, _key) = (keyId, key);

    public Guid KeyId { get; }

    /// <summary>Unwraps the installation key with the secret, creating it (and the folder) the first time.</summary>
    /// <exception cref="CryptographicException">The secret is not the one the key was wrapped with.</exception>
    public static OriginalKeys LoadOrCreate(string keysDirectory, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Directory.CreateDirectory(keysDirectory);
        string path = Path.Combine(keysDirectory, FileName);
        if (File.Exists(path))
        {
            OriginalKeyFile stored = JsonSerializer.Deserialize<OriginalKeyFile>(File.ReadAllText(path)) ?? throw new CryptographicException($"{path} is not an originals key file");
            byte[] kek = Derive(secret, stored.Salt, stored.Iterations);
            byte[] key = new byte[32];
            using var wrap = new AesGcm(kek, 16);
            wrap.Decrypt(stored.Nonce, stored.Key, stored.Tag, key, stored.KeyId.ToByteArray());
            CryptographicOperations.ZeroMemory(kek);
            return new OriginalKeys(stored.KeyId, key);
        }

        var created = new OriginalKeys(Guid.NewGuid(), RandomNumberGenerator.GetBytes(32));
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        byte[] nonce = RandomNumberGenerator.GetBytes(12);
        byte[] newKek = Derive(secret, salt, Iterations);
        byte[] wrapped = new byte[32];
        byte[] tag = new byte[16];
        using (var wrap = new AesGcm(newKek, 16))
        {
            wrap.Encrypt(nonce, created._key, wrapped, tag, created.KeyId.ToByteArray());
        }

        CryptographicOperations.ZeroMemory(newKek);
        string partial = path + ".partial";
        File.WriteAllText(partial, JsonSerializer.Serialize(new OriginalKeyFile(1, created.KeyId, Iterations, salt, nonce, tag, wrapped)));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(partial, path);
        return created;
    }

    /// <summary>The segment as stored: a header in the clear (camera, times, key id, its wrapped data key) and the encrypted stream.</summary>
    public byte[] Seal(string cameraId, DateTimeOffset start, DateTimeOffset end, ReadOnlySpan<byte> stream)
    {
        byte[] header = Header(cameraId, start, end);
        byte[] dataKey = RandomNumberGenerator.GetBytes(32);
        byte[] output = new byte[header.Length + 12 + 16 + 32 + 12 + 16 + stream.Length];
        Span<byte> o = output;
        header.CopyTo(o);
        Span<byte> wrapNonce = o.Slice(header.Length, 12), wrapTag = o.Slice(header.Length + 12, 16), wrapped = o.Slice(header.Length + 28, 32);
        Span<byte> nonce = o.Slice(header.Length + 60, 12), tag = o.Slice(header.Length + 72, 16), body = o[(header.Length + 88)..];
        RandomNumberGenerator.Fill(wrapNonce);
        RandomNumberGenerator.Fill(nonce);
        using (var wrap = new AesGcm(_key, 16))
        {
            wrap.Encrypt(wrapNonce, dataKey, wrapped, wrapTag, header);
        }

        using (var gcm = new AesGcm(dataKey, 16))
        {
            gcm.Encrypt(nonce, stream, body, tag, header);
        }

        CryptographicOperations.ZeroMemory(dataKey);
        return output;
    }

    /// <summary>The stream of a sealed segment of this camera; the camera and times it was sealed with come back in <paramref name="start"/> and <paramref name="end"/>.</summary>
    /// <exception cref="OriginalIntegrityException">It does not authenticate (changed, cut short, another camera's, another key's).</exception>
    public byte[] Open(ReadOnlySpan<byte> sealedSegment, string cameraId, out DateTimeOffset start, out DateTimeOffset end)
    {
        (string camera, start, end, Guid keyId, int headerLength) = ReadHeader(sealedSegment);
        if (!string.Equals(camera, cameraId, StringComparison.Ordinal))
        {
            throw new OriginalIntegrityException($"the segment says it is camera '{camera}''s, not '{cameraId}''s");
        }

        if (keyId != KeyId)
        {
            throw new OriginalIntegrityException($"the segment was sealed under key {keyId}, not this installation's {KeyId}");
        }

        if (sealedSegment.Length < headerLength + 88)
        {
            throw new OriginalIntegrityException("the segment is cut short");
        }

        ReadOnlySpan<byte> header = sealedSegment[..headerLength];
        ReadOnlySpan<byte> s = sealedSegment;
        byte[] dataKey = new byte[32];
        byte[] stream = new byte[s.Length - headerLength - 88];
        try
        {
            using (var wrap = new AesGcm(_key, 16))
            {
                wrap.Decrypt(s.Slice(headerLength, 12), s.Slice(headerLength + 28, 32), s.Slice(headerLength + 12, 16), dataKey, header);
            }

            using var gcm = new AesGcm(dataKey, 16);
            gcm.Decrypt(s.Slice(headerLength + 60, 12), s[(headerLength + 88)..], s.Slice(headerLength + 72, 16), stream, header);
            return stream;
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new OriginalIntegrityException("the segment does not authenticate: it was changed, or its header was", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>What a sealed segment's header says (read without the key, for the index).</summary>
    /// <exception cref="OriginalIntegrityException">It is not a sealed segment.</exception>
    public static (string CameraId, DateTimeOffset Start, DateTimeOffset End, Guid KeyId, int HeaderLength) ReadHeader(ReadOnlySpan<byte> sealedSegment)
    {
        if (sealedSegment.Length < s_magic.Length + 1 || !sealedSegment[..s_magic.Length].SequenceEqual(s_magic))
        {
            throw new OriginalIntegrityException("not a sealed original segment");
        }

        int cameraLength = sealedSegment[s_magic.Length];
        int length = s_magic.Length + 1 + cameraLength + 8 + 8 + 16;
        if (sealedSegment.Length < length)
        {
            throw new OriginalIntegrityException("the segment's header is cut short");
        }

        ReadOnlySpan<byte> rest = sealedSegment[(s_magic.Length + 1)..];
        string camera = Encoding.UTF8.GetString(rest[..cameraLength]);
        long start = BinaryPrimitives.ReadInt64LittleEndian(rest[cameraLength..]);
        long end = BinaryPrimitives.ReadInt64LittleEndian(rest[(cameraLength + 8)..]);
        var keyId = new Guid(rest.Slice(cameraLength + 16, 16));
        return (camera, new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero), keyId, length);
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_key);

    private byte[] Header(string cameraId, DateTimeOffset start, DateTimeOffset end)
    {
        byte[] camera = Encoding.UTF8.GetBytes(cameraId);
        if (camera.Length is 0 or > 255)
        {
            throw new ArgumentException("a camera id is 1 to 255 bytes", nameof(cameraId));
        }

        byte[] header = new byte[s_magic.Length + 1 + camera.Length + 8 + 8 + 16];
        Span<byte> h = header;
        s_magic.CopyTo(h);
        h[s_magic.Length] = (byte)camera.Length;
        camera.CopyTo(h[(s_magic.Length + 1)..]);
        BinaryPrimitives.WriteInt64LittleEndian(h[(s_magic.Length + 1 + camera.Length)..], start.UtcTicks);
        BinaryPrimitives.WriteInt64LittleEndian(h[(s_magic.Length + 9 + camera.Length)..], end.UtcTicks);
        KeyId.TryWriteBytes(h[(s_magic.Length + 17 + camera.Length)..]);
        return header;
    }

    private static byte[] Derive(string secret, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, 32);
}
