using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Vigil.Data;

/// <summary>
/// Which database and how to reach it, from <c>--db</c>: nothing means SQLite in the data folder; a
/// PostgreSQL key/value string (<c>Host=…</c>) or URL (<c>postgresql://…</c>) means PostgreSQL; a
/// path ending in <c>.db</c> means that SQLite file.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The database file's name in the data folder.</summary>
    public const string DefaultFileName = "vigil.db";

    /// <summary>Reads <c>--db</c>; throws <see cref="ArgumentException"/> with a one-line reason.</summary>
    public static DatabaseSettings Parse(string? db, string dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(db))
        {
            return Sqlite(Path.Combine(dataDirectory, DefaultFileName));
        }

        db = db.Trim();
        if (db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseSettings(DatabaseProvider.Postgres, FromUrl(new Uri(db)));
        }

        if (db.EndsWith(".db", StringComparison.OrdinalIgnoreCase) || db.EndsWith(".sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return Sqlite(Path.GetFullPath(db));
        }

        if (db.Contains("Host=", StringComparison.OrdinalIgnoreCase) || db.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new DatabaseSettings(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(db).ConnectionString);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"--db is not a valid PostgreSQL connection string: {ex.Message}", nameof(db), ex);
            }
        }

        throw new ArgumentException(
            $"--db '{db}' is neither a PostgreSQL connection string (Host=...;Database=...) or URL (postgresql://user@host/db) nor an SQLite file ending in .db",
            nameof(db));
    }

    public static DatabaseSettings Sqlite(string path) => new(
        DatabaseProvider.Sqlite,
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ConnectionString);

    /// <summary>Where the connection goes, without credentials (for logs and <c>/health</c>).</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
        _ => DescribePostgres(),
    };

    /// <summary>Configures EF Core for this database.</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Provider == DatabaseProvider.Sqlite)
        {
            options.UseSqlite(ConnectionString).AddInterceptors(new SqliteConnections());
        }
        else
        {
            options.UseNpgsql(ConnectionString);
        }
    }

    private string DescribePostgres()
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }

    private static string FromUrl(Uri url)
    {
        string[] credentials = url.UserInfo.Split(':', 2);
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.IsDefaultPort || url.Port <= 0 ? 5432 : url.Port,
            Database = url.AbsolutePath.Trim('/') is { Length: > 0 } name ? Uri.UnescapeDataString(name) : "vigil",
        };
        if (credentials[0].Length > 0)
        {
            b.Username = Uri.UnescapeDataString(credentials[0]);
        }

        if (credentials.Length > 1)
        {
            b.Password = Uri.UnescapeDataString(credentials[1]);
        }

        return b.ConnectionString;
    }
}
