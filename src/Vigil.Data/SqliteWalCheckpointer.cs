using Microsoft.Data.Sqlite;

namespace Vigil.Data;

/// <summary>
/// Copies committed pages from an SQLite database's write-ahead log into the database file, on a
/// connection of its own, so that no commit has to (ADR 013). Vigil's connections leave the log to
/// it: they checkpoint only once the log is far past SQLite's usual size
/// (<see cref="BackstopPages"/>), a backstop for when this is not running.
/// <para>
/// A passive checkpoint: it never waits for, or blocks, readers and writers; pages a reader may
/// still need wait for the next pass. Emptying the log instead (a truncating checkpoint) takes the
/// write lock and was measured to cost audited requests more than it saves (ADR 013). Not
/// thread-safe: one owner calls it.
/// </para>
/// </summary>
public sealed class SqliteWalCheckpointer : IAsyncDisposable
{
    /// <summary>
    /// Log pages after which a commit on one of Vigil's connections checkpoints the log itself: about
    /// 40 MB, ten times SQLite's default. While a checkpointer runs, such a commit finds most of the
    /// log copied already, and the log seldom gets there (it starts over when a commit finds it
    /// copied with no reader on it); when none runs, it bounds the log.
    /// </summary>
    public const int BackstopPages = 10_000;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _command;

    public SqliteWalCheckpointer(DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider != DatabaseProvider.Sqlite)
        {
            throw new ArgumentException("Only an SQLite database has a write-ahead log to checkpoint.", nameof(settings));
        }

        _connection = new SqliteConnection(settings.ConnectionString);
        _command = _connection.CreateCommand();
        _command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
    }

    /// <summary>Runs one passive checkpoint and says how much of the log it found and copied.</summary>
    public async Task<WalCheckpoint> CheckpointAsync(CancellationToken cancellationToken)
    {
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            await _connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        // One row: busy (always 0 for a passive checkpoint), frames in the log, frames checkpointed.
        SqliteDataReader reader = await _command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new WalCheckpoint(reader.GetInt32(1), reader.GetInt32(2));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _command.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
