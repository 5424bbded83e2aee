using Npgsql;

namespace Vigil.Testing;

/// <summary>
/// A throw-away database for one test: SQLite in the test's data folder, or a fresh PostgreSQL
/// database on the server that <c>./vigil test</c> starts (its connection string is in
/// <c>VIGIL_TEST_POSTGRES</c>), dropped again afterwards.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "VIGIL_TEST_POSTGRES";

    private readonly string? _server;
    private readonly string? _name;

    private TestDatabase(string provider, string? connectionString, string? server, string? name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _server = server;
        _name = name;
    }

    public static IEnumerable<object[]> Providers { get; } = [["sqlite"], ["postgres"]];

    public string Provider { get; }

    /// <summary>What to pass as <c>--db</c> (null: SQLite in the data folder).</summary>
    public string? ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == "sqlite")
        {
            return new TestDatabase(provider, null, null, null);
        }

        string server = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s
            ? s
            : throw new InvalidOperationException($"No PostgreSQL for this test: run './vigil test' (it starts a private server) or set {PostgresVariable} to a connection string with the right to create databases.");
        string name = "vigil_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new TestDatabase(provider, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, server, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
