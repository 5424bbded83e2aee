namespace Vigil.Server.Tests.Hosting;

/// <summary>
/// A test class with one host for all its tests' lifetime: a private SQLite database and data
/// folder, optionally its own <c>vigil.yaml</c> (else the demo's), pipelines and settings.
/// </summary>
public abstract class HostedServerTest : IAsyncLifetime
{
    private readonly string? _configPath;
    private TestDatabase _database = null!;

    protected HostedServerTest(string? configYaml = null, bool pipelines = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        ConfigYaml = configYaml;
        Pipelines = pipelines;
        Settings = settings;
        _configPath = configYaml is null ? null : Path.Combine(Path.GetTempPath(), $"vigil-test-{Guid.NewGuid():N}.yaml");
    }

    private protected VigilFactory Factory { get; private set; } = null!;

    private string? ConfigYaml { get; }

    private bool Pipelines { get; }

    private IReadOnlyDictionary<string, string>? Settings { get; }

    public async Task InitializeAsync()
    {
        if (_configPath is not null)
        {
            await File.WriteAllTextAsync(_configPath, ConfigYaml);
        }

        _database = await TestDatabase.CreateAsync("sqlite");
        Factory = new VigilFactory(_database, Pipelines, _configPath, Settings);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _database.DisposeAsync();
        if (_configPath is not null)
        {
            File.Delete(_configPath);
        }
    }
}
