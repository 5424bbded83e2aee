using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Server.Tests.Hosting;

namespace Vigil.Server.Tests.Oversight;

/// <summary>Starting with a different configuration file than last time is an audited configuration change.</summary>
public sealed class ConfigurationAuditTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-config-audit-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task EachStart_WithAChangedFile_AddsOneEntry_WithItsHash()
    {
        string database = Path.Combine(_folder, "shared.db");
        string config = Path.Combine(_folder, "vigil.yaml");
        const string Camera = "cameras:\n  - { id: gate, url: rtsp://cam/1, purpose: Gate safety, legal_basis: Test, retention: 24h }\n";
        await File.WriteAllTextAsync(config, Camera);

        string[] afterFirst = await StartAndReadAsync(database, config);
        string[] afterSame = await StartAndReadAsync(database, config);
        await File.WriteAllTextAsync(config, Camera.Replace("24h", "48h", StringComparison.Ordinal));
        string[] afterChange = await StartAndReadAsync(database, config);

        Assert.Single(afterFirst);
        Assert.Equal(afterFirst, afterSame);
        Assert.Equal(2, afterChange.Length);
        Assert.NotEqual(afterChange[0], afterChange[1]);
        Assert.All(afterChange, d => Assert.Matches("^sha256 [0-9a-f]{64}: 1 camera\\(s\\), 0 unit\\(s\\) from vigil.yaml$", d));
    }

    private static async Task<string[]> StartAndReadAsync(string database, string config)
    {
        await using TestDatabase sqlite = await TestDatabase.CreateAsync("sqlite");
        await using var factory = new VigilFactory(sqlite, configPath: config, settings: new Dictionary<string, string> { ["Vigil:Database"] = database });
        await using VigilDbContext db = factory.OpenDatabase();
        return await db.AuditEntries.Where(e => e.Action == "configuration-loaded").OrderBy(e => e.Sequence).Select(e => e.Detail!).ToArrayAsync();
    }
}
