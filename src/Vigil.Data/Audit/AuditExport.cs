using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Data.Entities;
using Vigil.Domain.Audit;

namespace Vigil.Data.Audit;

/// <summary>
/// A period of the audit log for an external auditor, verifiable offline: the entries of the
/// period, widened to the signed checkpoints around it (the one before anchors the first entry,
/// the one after covers the last), and those checkpoints.
/// </summary>
public static class AuditExport
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Writes the export; returns how many entries it holds.</summary>
    public static async Task<int> WriteAsync(VigilDbContext db, DateTimeOffset from, DateTimeOffset to, string? publicKeyPem, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(output);
        long? first = await db.AuditEntries.Where(e => e.At >= from && e.At < to).MinAsync(e => (long?)e.Sequence, cancellationToken).ConfigureAwait(false);
        long? last = await db.AuditEntries.Where(e => e.At >= from && e.At < to).MaxAsync(e => (long?)e.Sequence, cancellationToken).ConfigureAwait(false);
        var lines = new List<AuditExportLine> { new("header", From: from, To: to, PublicKey: publicKeyPem) };
        if (first is { } f && last is { } l)
        {
            long? before = await db.AuditCheckpoints.Where(c => c.Sequence < f).MaxAsync(c => (long?)c.Sequence, cancellationToken).ConfigureAwait(false);
            long? after = await db.AuditCheckpoints.Where(c => c.Sequence >= l).MinAsync(c => (long?)c.Sequence, cancellationToken).ConfigureAwait(false);
            long start = (before ?? 0) + 1;
            long end = after ?? l;
            await foreach (AuditEntryRecord e in db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= start && e.Sequence <= end).OrderBy(e => e.Sequence)
                .AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                lines.Add(new AuditExportLine("entry", e.Sequence, e.At, e.Actor, e.Action, e.Target, e.Detail, e.PreviousHash, e.Hash));
            }

            foreach (AuditCheckpointRecord c in await db.AuditCheckpoints.AsNoTracking().Where(c => c.Sequence >= start - 1 && c.Sequence <= end).OrderBy(c => c.Sequence)
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                lines.Add(new AuditExportLine("checkpoint", c.Sequence, c.At, Hash: c.Hash, KeyId: c.KeyId, Signature: c.Signature));
            }
        }

        var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            foreach (AuditExportLine line in lines)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(line, s_json).AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }

        return lines.Count(x => x.Type == "entry");
    }

    /// <summary>Verifies an export offline (with the published key, to check the signatures).</summary>
    public static async Task<AuditVerification> VerifyAsync(Stream input, ECDsa? publicKey, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntryRecord>();
        var checkpoints = new List<AuditCheckpoint>();
        using var reader = new StreamReader(input, Encoding.UTF8, leaveOpen: true);
        int number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            number++;
            if (text.Length == 0)
            {
                continue;
            }

            AuditExportLine line = JsonSerializer.Deserialize<AuditExportLine>(text, s_json)
                ?? throw new FormatException($"line {number} is empty");
            switch (line.Type)
            {
                case "entry":
                    entries.Add(new AuditEntryRecord
                    {
                        Sequence = line.Sequence ?? throw new FormatException($"line {number}: an entry without a sequence"),
                        At = line.At ?? throw new FormatException($"line {number}: an entry without a time"),
                        Actor = line.Actor ?? "",
                        Action = line.Action ?? "",
                        Target = line.Target,
                        Detail = line.Detail,
                        PreviousHash = line.PreviousHash ?? "",
                        Hash = line.Hash ?? "",
                    });
                    break;
                case "checkpoint":
                    checkpoints.Add(new AuditCheckpoint(
                        line.Sequence ?? throw new FormatException($"line {number}: a checkpoint without a sequence"),
                        line.Hash ?? "",
                        line.At ?? default,
                        line.KeyId ?? "",
                        line.Signature ?? ""));
                    break;
                case "header":
                    break;
                default:
                    throw new FormatException($"line {number}: unknown type '{line.Type}'");
            }
        }

        if (entries.Count == 0)
        {
            return new AuditVerification(0, null, null, 0);
        }

        AuditEntryRecord firstEntry = entries[0];
        string firstPrevious = firstEntry.Sequence == 1 ? AuditChain.Genesis : firstEntry.PreviousHash;
        return await AuditVerifier.VerifyAsync(entries.ToAsyncEnumerable(), firstEntry.Sequence, firstPrevious, checkpoints, publicKey, cancellationToken).ConfigureAwait(false);
    }
}
