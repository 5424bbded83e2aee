using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Vigil.Data;

/// <summary>
/// How Vigil's SQLite connections are made and opened (ADR 012).
/// <para>
/// Made without EF Core's SQL functions: EF's SQLite provider adds a dozen (<c>regexp</c> and
/// decimal arithmetic), and every time a connection is opened, pooled or not, each is registered
/// again with a handle only the finalizer frees — about 25 per API request, most of the garbage
/// collector's work at a thousand requests a second. Vigil's model has no decimals and its
/// queries no regular expressions, so nothing needs them (a test keeps the model that way).
/// </para>
/// <para>
/// Opened with Vigil's settings: in WAL mode <c>synchronous=NORMAL</c> never loses a committed
/// transaction when the process dies (kill -9); only a power cut can take the last ones back, and
/// the database is still consistent. The busy timeout lets the alert writer and API writers wait
/// for each other instead of failing.
/// </para>
/// <para>
/// Left alone, SQLite copies the write-ahead log into the database file inside whichever commit
/// finds the log past 1,000 pages: that commit takes ~5 ms instead of ~0.2, and at a thousand
/// audited actions a second the audit log's queue forms behind it several times a second. The
/// server does that copying on a connection of its own instead (<see cref="SqliteWalCheckpointer"/>);
/// a commit only does it once the log passes <see cref="SqliteWalCheckpointer.BackstopPages"/>,
/// by which time the server's checkpointer has copied most of it, and which bounds the log when
/// no checkpointer runs (a tool writing, a checkpointer failing) (ADR 013).
/// </para>
/// </summary>
internal sealed class SqliteConnections : DbConnectionInterceptor
{
    private static readonly string s_sql = string.Create(
        CultureInfo.InvariantCulture, $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint={SqliteWalCheckpointer.BackstopPages};");

    // Native connections (SQLitePCL handles) that have the settings; an entry goes when its connection is closed for good and collected.
    private static readonly ConditionalWeakTable<object, object> s_configured = [];
    private static readonly object s_marker = new();

    public override InterceptionResult<DbConnection> ConnectionCreating(ConnectionCreatingEventData eventData, InterceptionResult<DbConnection> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        return InterceptionResult<DbConnection>.SuppressWithResult(new SqliteConnection(eventData.ConnectionString));
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsSettings(connection))
        {
            using DbCommand command = connection.CreateCommand();
            command.CommandText = s_sql;
            command.ExecuteNonQuery();
            Configured(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsSettings(connection))
        {
            DbCommand command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = s_sql;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            Configured(connection);
        }
    }

    /// <summary>
    /// Whether the native connection under <paramref name="connection"/> has not had Vigil's settings yet.
    /// The settings belong to the native connection, which the pool keeps open and hands out again:
    /// setting them on every open would be three statements per open for nothing.
    /// </summary>
    private static bool NeedsSettings(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !s_configured.TryGetValue(handle, out _);

    private static void Configured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            s_configured.AddOrUpdate(handle, s_marker);
        }
    }
}
