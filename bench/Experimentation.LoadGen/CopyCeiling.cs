using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Experimentation.LoadGen;

/// <summary>
/// The ceiling beside the HTTP figure: binary COPY of the same number of rows, with the same columns and a uuid
/// primary key, into a plain table of the same database, in one backend.
/// </summary>
public static class CopyCeiling
{
    public static async Task<double> RowsPerSecondAsync(string postgres, long rows)
    {
        await using var source = NpgsqlDataSource.Create(postgres);
        await using (var create = source.CreateCommand("""
            DROP TABLE IF EXISTS public.bench_copy;
            CREATE TABLE public.bench_copy (event_day date, event_id uuid PRIMARY KEY, shard int, seq bigint, kind smallint,
                user_id text, occurred_at timestamptz, experiment text, variant text, event_type text, value float8, received_at timestamptz)
            """))
            await create.ExecuteNonQueryAsync();

        var now = DateTime.UtcNow;
        var day = DateOnly.FromDateTime(now);
        var watch = Stopwatch.StartNew();
        await using (var connection = await source.OpenConnectionAsync())
        await using (var copy = await connection.BeginBinaryImportAsync("COPY public.bench_copy FROM STDIN (FORMAT BINARY)"))
        {
            for (long i = 0; i < rows; i++)
            {
                copy.StartRow();
                copy.Write(day, NpgsqlDbType.Date);
                copy.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                copy.Write((int)(i % 8), NpgsqlDbType.Integer);
                copy.Write(i, NpgsqlDbType.Bigint);
                copy.Write((short)(i % 5 == 0 ? 1 : 0), NpgsqlDbType.Smallint);
                copy.Write($"load-{i / 5}", NpgsqlDbType.Text);
                copy.Write(now, NpgsqlDbType.TimestampTz);
                copy.Write("bench", NpgsqlDbType.Text);
                copy.Write("control", NpgsqlDbType.Text);
                copy.Write("purchase", NpgsqlDbType.Text);
                copy.Write((double)(i % 50), NpgsqlDbType.Double);
                copy.Write(now, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        var rate = rows / watch.Elapsed.TotalSeconds;
        await using (var drop = source.CreateCommand("DROP TABLE public.bench_copy")) await drop.ExecuteNonQueryAsync();
        return rate;
    }
}
