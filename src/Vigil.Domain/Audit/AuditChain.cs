using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Vigil.Domain.Audit;

/// <summary>
/// The hash chain of the audit log: each entry's hash is SHA-256 over the previous entry's hash and
/// the entry's canonical form, so changing, removing or reordering any entry breaks every hash after
/// it. The canonical form is a JSON array in a fixed order with the time in UTC at microsecond
/// precision (what every supported database stores exactly).
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static string Genesis { get; } = new('0', 64);

    /// <summary>Truncates a time to what the chain records: UTC, whole microseconds.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset at)
    {
        DateTimeOffset utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static string Canonical(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteNumberValue(entry.Sequence);
            json.WriteStringValue(Normalize(entry.At).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStringValue(entry.Actor);
            json.WriteStringValue(entry.Action);
            WriteNullable(json, entry.Target);
            WriteNullable(json, entry.Detail);
            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The entry's hash, given the previous entry's.</summary>
    public static string Hash(string previousHash, AuditEntry entry) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "\n" + Canonical(entry))));

    private static void WriteNullable(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
    }
}
