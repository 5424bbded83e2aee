using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Vigil.Data;

namespace Vigil.Cli.Tests.Commands;

/// <summary>
/// <c>vigil serve</c> recording a camera, killed with SIGKILL while a segment is being written: every
/// index row names a whole file with the size and SHA-256 it records; what the kill left half-written
/// or unindexed is gone after the next start's sweep, and recording resumes.
/// </summary>
public sealed class RecordingCrashTests : IDisposable
{
    private const string Password = "recording-crash-admin-pw";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(120);
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-recording-crash-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Data => Path.Combine(_root, "data");

    private string Recordings => Path.Combine(Data, "media", "recordings");

    [Fact]
    public async Task KillMidSegment_LeavesNoRowWithoutItsWholeFile_AndRecordingResumes()
    {
        string config = Path.Combine(_root, "record.yaml");
        await File.WriteAllTextAsync(config, """
            cameras:
              - id: trees
                name: Trees
                url: asset:sample-tree
                purpose: Recording crash test
                legal_basis: Test
                retention: 1h
                record: { mode: continuous, retain: 1, segment: 2s, pre: 1s, post: 1s }
            """);
        int port = ServerProcess.FreePort();

        using (Process server = ServerProcess.Start(config, Data, port, pipelines: true, Password))
        {
            try
            {
                await WaitForAsync(async () => (await RowsAsync()).Count >= 2 && Partials().Length > 0, "two indexed segments and one being written");
            }
            finally
            {
                await ServerProcess.KillAsync(server);
            }
        }

        List<Row> rows = await RowsAsync();
        foreach (Row row in rows)
        {
            string path = Path.Combine(Recordings, row.File);
            Assert.True(File.Exists(path), $"row {row.File} points at no file");
            byte[] bytes = await File.ReadAllBytesAsync(path);
            Assert.Equal(row.Bytes, bytes.Length);
            Assert.Equal(row.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        var indexed = rows.Select(r => r.File).ToHashSet(StringComparer.Ordinal);
        string[] leftovers = Directory.EnumerateFiles(Recordings, "*", SearchOption.AllDirectories)
            .Where(p => !indexed.Contains(Path.GetRelativePath(Recordings, p).Replace(Path.DirectorySeparatorChar, '/')))
            .ToArray();
        Assert.Contains(leftovers, p => p.EndsWith(".partial", StringComparison.Ordinal));

        long restartedAt = TimeProvider.System.GetUtcNow().UtcTicks;
        SqliteConnection.ClearAllPools();
        using Process again = ServerProcess.Start(config, Data, port, pipelines: true, Password);
        try
        {
            await WaitForAsync(async () => (await RowsAsync()).Any(r => r.StartedAt > restartedAt), "a segment recorded after the restart");
            Assert.All(leftovers, p => Assert.False(File.Exists(p), $"{p} outlived the start-up sweep"));
        }
        finally
        {
            await ServerProcess.KillAsync(again);
        }
    }

    private string[] Partials() => Directory.Exists(Recordings)
        ? Directory.EnumerateFiles(Recordings, "*.partial", SearchOption.AllDirectories).ToArray()
        : [];

    private async Task<List<Row>> RowsAsync()
    {
        string file = Path.Combine(Data, DatabaseSettings.DefaultFileName);
        var rows = new List<Row>();
        if (!File.Exists(file))
        {
            return rows;
        }

        try
        {
            await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using SqliteCommand select = connection.CreateCommand();
            select.CommandText = "SELECT File, Bytes, Sha256, StartedAt FROM recording_segments;";
            await using SqliteDataReader reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(new Row(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3)));
            }
        }
        catch (SqliteException)
        {
            // The server is still creating the schema.
        }

        return rows;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < s_wait, $"no {what} within {s_wait.TotalSeconds:0} s");
            await Task.Delay(100);
        }
    }

    private sealed record Row(string File, long Bytes, string Sha256, long StartedAt);
}
