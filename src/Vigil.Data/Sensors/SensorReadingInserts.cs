using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Vigil.Data.Entities;

namespace Vigil.Data.Sensors;

/// <summary>
/// Stores sensor readings in bulk, leaving out those already stored (same sensor and time: an MQTT
/// redelivery, an HTTP retry) in the database itself, without change tracking (ADR 018): thousands of
/// rows a second are one prepared <c>INSERT OR IGNORE</c> in one transaction on SQLite, one
/// <c>INSERT … SELECT unnest(…) ON CONFLICT DO NOTHING</c> on PostgreSQL. All of a batch or none.
/// </summary>
public static class SensorReadingInserts
{
    /// <summary>Inserts the rows that are new; calls <paramref name="stored"/> with the sensor of each one inserted and returns how many were.</summary>
    public static async Task<int> InsertNewAsync(VigilDbContext db, IReadOnlyList<SensorReadingRecord> rows, Action<string> stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(stored);
        if (rows.Count == 0)
        {
            return 0;
        }

        DbConnection connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return connection is NpgsqlConnection postgres
                ? await PostgresAsync(postgres, rows, stored, cancellationToken).ConfigureAwait(false)
                : await SqliteAsync(connection, rows, stored, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static async Task<int> SqliteAsync(DbConnection connection, IReadOnlyList<SensorReadingRecord> rows, Action<string> stored, CancellationToken cancellationToken)
    {
        DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            DbCommand command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.Transaction = transaction;
                command.CommandText = "INSERT OR IGNORE INTO sensor_readings (SensorId, At, Value, Flagged) VALUES ($sensor, $at, $value, $flagged)";
                DbParameter sensor = Parameter(command, "$sensor"), at = Parameter(command, "$at"), value = Parameter(command, "$value"), flagged = Parameter(command, "$flagged");
                await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
                int inserted = 0;
                var insertedOf = new List<string>(rows.Count);
                foreach (SensorReadingRecord r in rows)
                {
                    (sensor.Value, at.Value, value.Value, flagged.Value) = (r.SensorId, r.At.UtcTicks, r.Value, r.Flagged ? 1 : 0);
                    if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                    {
                        insertedOf.Add(r.SensorId);
                        inserted++;
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                insertedOf.ForEach(stored);
                return inserted;
            }
        }
    }

    private static async Task<int> PostgresAsync(NpgsqlConnection connection, IReadOnlyList<SensorReadingRecord> rows, Action<string> stored, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO sensor_readings ("SensorId", "At", "Value", "Flagged")
            SELECT * FROM unnest(@sensor, @at, @value, @flagged)
            ON CONFLICT DO NOTHING
            RETURNING "SensorId"
            """;
        command.Parameters.Add(new NpgsqlParameter("sensor", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = rows.Select(r => r.SensorId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = rows.Select(r => r.At.ToUniversalTime()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("value", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = rows.Select(r => r.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("flagged", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = rows.Select(r => r.Flagged).ToArray() });
        var insertedOf = new List<string>(rows.Count);
        await using (NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                insertedOf.Add(reader.GetString(0));
            }
        }

        // One statement is its own transaction: all of the batch is in, or none of it.
        insertedOf.ForEach(stored);
        return insertedOf.Count;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        DbParameter p = command.CreateParameter();
        p.ParameterName = name;
        command.Parameters.Add(p);
        return p;
    }
}
