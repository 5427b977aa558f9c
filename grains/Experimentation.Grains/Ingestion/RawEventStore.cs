using Npgsql;
using NpgsqlTypes;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// The raw event log in PostgreSQL (schema <c>ingest</c>, created by the silo's Sql/20-events.sql): day-partitioned
/// rows keyed by (event_id, event_day), and each shard's full snapshot with the deltas written after it.
/// </summary>
/// <param name="dataSource">Connections of the log's commits and reads.</param>
/// <param name="control">Connections for ending a frozen owner's session; the log's own when not given.</param>
public sealed class RawEventStore(NpgsqlDataSource dataSource, NpgsqlDataSource? control = null)
{
    // ON CONFLICT DO NOTHING with RETURNING reports exactly the rows this transaction inserted: those ids are new,
    // the others were committed before (by an earlier attempt of the same batch, or another batch).
    private const string InsertSql = """
        INSERT INTO ingest.raw_events
            (event_day, event_id, shard, seq, kind, user_id, occurred_at, experiment, variant, event_type, value, received_at)
        SELECT u.*, @received
        FROM unnest(@days, @ids, @shards, @seqs, @kinds, @users, @times, @experiments, @variants, @types, @values) AS u
        ON CONFLICT DO NOTHING
        RETURNING event_id
        """;

    /// <summary>The log's connection pools, for clearing them all when the server restarts (the silo's pool guard).</summary>
    public IReadOnlyList<NpgsqlDataSource> DataSources { get; } = control is null ? [dataSource] : [dataSource, control];

    private readonly HashSet<DateOnly> _knownPartitions = [];
    private readonly Lock _partitionsLock = new();

    /// <summary>Creates the day partitions a batch needs (once per day per process).</summary>
    public async Task EnsurePartitionsAsync(IEnumerable<DateOnly> days, CancellationToken ct = default)
    {
        DateOnly[] missing;
        lock (_partitionsLock) missing = days.Distinct().Where(d => !_knownPartitions.Contains(d)).ToArray();
        if (missing.Length == 0) return;
        await using var command = dataSource.CreateCommand("SELECT ingest.ensure_day_partition(d) FROM unnest(@days) AS d");
        command.Parameters.AddWithValue("days", missing);
        await command.ExecuteNonQueryAsync(ct);
        lock (_partitionsLock) _knownPartitions.UnionWith(missing);
    }

    /// <summary>
    /// Takes the shard's next epoch (Sql/21-shards.sql): from now on only the caller may append to the shard's log.
    /// Waits for a commit of the previous owner that is under way, so no commit of it can follow. A previous owner that
    /// holds its commit open longer than <paramref name="patience"/> is frozen (a paused silo, declared dead by now, or
    /// Orleans would not activate the shard here): its PostgreSQL session is terminated, which rolls that commit back.
    /// </summary>
    /// <returns>The new epoch, and how many stale sessions had to be terminated.</returns>
    public async Task<(long Epoch, int Terminated)> TakeLeaseAsync(int shard, string owner, TimeSpan patience, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("""
            INSERT INTO ingest.shard_leases AS l (shard, epoch, owner, taken_at) VALUES (@shard, 1, @owner, now())
            ON CONFLICT (shard) DO UPDATE SET epoch = l.epoch + 1, owner = excluded.owner, taken_at = excluded.taken_at
            RETURNING l.epoch
            """, connection);
        command.Parameters.AddWithValue("shard", shard);
        command.Parameters.AddWithValue("owner", owner);
        var taking = command.ExecuteScalarAsync(ct);
        var terminated = 0;
        if (await Task.WhenAny(taking, Task.Delay(patience, ct)) != taking)
        {
            await using var stale = (control ?? dataSource).CreateCommand(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(b)) FROM unnest(pg_blocking_pids(@pid)) AS b");
            stale.Parameters.AddWithValue("pid", connection.ProcessID);
            terminated = (int)(long)(await stale.ExecuteScalarAsync(ct))!;
        }
        return ((long)(await taking)!, terminated);
    }

    /// <summary>
    /// Inserts the rows in one transaction and returns the ids that were not stored before; nothing is written, and
    /// <see cref="ShardLeaseLostException"/> thrown, when another activation took the shard since <paramref name="epoch"/>.
    /// </summary>
    /// <param name="receivedAt">Stored as every row's received_at, so a replay folds the same asOf as the live fold.</param>
    public async Task<HashSet<Guid>> InsertAsync(int shard, long epoch, IReadOnlyList<RawEvent> rows, DateTimeOffset receivedAt,
        CancellationToken ct = default)
    {
        var n = rows.Count;
        var days = new DateOnly[n];
        var ids = new Guid[n];
        var shards = new int[n];
        var seqs = new long[n];
        var kinds = new short[n];
        var users = new string[n];
        var times = new DateTime[n];
        var experiments = new string?[n];
        var variants = new string?[n];
        var types = new string?[n];
        var values = new double?[n];
        for (var i = 0; i < n; i++)
        {
            var r = rows[i];
            days[i] = DateOnly.FromDateTime(r.OccurredAt.UtcDateTime);
            ids[i] = r.EventId;
            shards[i] = shard;
            seqs[i] = r.Seq;
            kinds[i] = (short)r.Kind;
            users[i] = r.UserId;
            times[i] = r.OccurredAt.UtcDateTime;
            experiments[i] = r.Experiment;
            variants[i] = r.Variant;
            types[i] = r.EventType;
            values[i] = r.Value;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // The shared lock is held to the commit: a new owner's TakeLeaseAsync waits for it, then this epoch is stale.
        await using (var lease = new NpgsqlCommand("SELECT epoch FROM ingest.shard_leases WHERE shard = @shard FOR SHARE", connection, transaction))
        {
            lease.Parameters.AddWithValue("shard", shard);
            var current = await lease.ExecuteScalarAsync(ct) as long?;
            if (current != epoch) throw new ShardLeaseLostException(shard, epoch, current);
        }
        await using var command = new NpgsqlCommand(InsertSql, connection, transaction);
        command.Parameters.AddWithValue("days", days);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("shards", shards);
        command.Parameters.AddWithValue("seqs", seqs);
        command.Parameters.AddWithValue("kinds", kinds);
        command.Parameters.AddWithValue("users", users);
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = times });
        command.Parameters.Add(new NpgsqlParameter<string?[]>("experiments", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = experiments });
        command.Parameters.Add(new NpgsqlParameter<string?[]>("variants", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = variants });
        command.Parameters.Add(new NpgsqlParameter<string?[]>("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = types });
        command.Parameters.Add(new NpgsqlParameter<DateTime>("received", NpgsqlDbType.TimestampTz) { TypedValue = receivedAt.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter<double?[]>("values", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = values });

        var inserted = new HashSet<Guid>(n);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) inserted.Add(reader.GetGuid(0));
        }
        await transaction.CommitAsync(ct);
        return inserted;
    }

    /// <summary>The shard's rows after <paramref name="afterSeq"/>, in log order, for recovery.</summary>
    public async IAsyncEnumerable<RawEvent> ReadAfterAsync(int shard, long afterSeq,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT event_id, seq, kind, user_id, occurred_at, experiment, variant, event_type, value, received_at
            FROM ingest.raw_events WHERE shard = @shard AND seq > @seq ORDER BY seq
            """);
        command.Parameters.AddWithValue("shard", shard);
        command.Parameters.AddWithValue("seq", afterSeq);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new RawEvent(
                reader.GetGuid(0), reader.GetInt64(1), (RawEventKind)reader.GetInt16(2), reader.GetString(3),
                new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetDouble(8),
                new DateTimeOffset(reader.GetDateTime(9), TimeSpan.Zero));
        }
    }

    /// <summary>
    /// The shard's full snapshot and the deltas written after it, in sequence order; null when it never took a full
    /// one (a delta is only ever written after a full snapshot, so deltas without one cannot occur).
    /// </summary>
    public async Task<StoredSnapshot?> LoadSnapshotAsync(int shard, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT false, s.seq, s.state FROM ingest.shard_snapshots s WHERE s.shard = @shard
            UNION ALL
            SELECT true, d.seq, d.state FROM ingest.shard_snapshot_deltas d JOIN ingest.shard_snapshots s USING (shard)
            WHERE d.shard = @shard AND d.seq > s.seq
            ORDER BY 1, 2
            """);
        command.Parameters.AddWithValue("shard", shard);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var full = (reader.GetInt64(1), (byte[])reader.GetValue(2));
        var deltas = new List<(long Seq, byte[] State)>();
        while (await reader.ReadAsync(ct)) deltas.Add((reader.GetInt64(1), (byte[])reader.GetValue(2)));
        return new StoredSnapshot(full.Item1, full.Item2, deltas);
    }

    /// <summary>
    /// Replaces the shard's full snapshot and deletes the deltas it covers, in one transaction; an older sequence never
    /// overwrites a newer one.
    /// </summary>
    public async Task SaveSnapshotAsync(int shard, long seq, byte[] state, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var command = new NpgsqlCommand("""
            INSERT INTO ingest.shard_snapshots (shard, seq, state, taken_at) VALUES (@shard, @seq, @state, now())
            ON CONFLICT (shard) DO UPDATE SET seq = excluded.seq, state = excluded.state, taken_at = excluded.taken_at
            WHERE ingest.shard_snapshots.seq <= excluded.seq
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("shard", shard);
            command.Parameters.AddWithValue("seq", seq);
            command.Parameters.AddWithValue("state", state);
            await command.ExecuteNonQueryAsync(ct);
        }
        await using (var command = new NpgsqlCommand("DELETE FROM ingest.shard_snapshot_deltas WHERE shard = @shard AND seq <= @seq",
            connection, transaction))
        {
            command.Parameters.AddWithValue("shard", shard);
            command.Parameters.AddWithValue("seq", seq);
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Adds a delta: the users changed since the shard's previous snapshot. Returns false when a delta of that
    /// sequence is already stored (another activation wrote one, which may cover other users); the caller then writes
    /// a full snapshot instead.
    /// </summary>
    public async Task<bool> SaveSnapshotDeltaAsync(int shard, long seq, byte[] state, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO ingest.shard_snapshot_deltas (shard, seq, state, taken_at) VALUES (@shard, @seq, @state, now())
            ON CONFLICT (shard, seq) DO NOTHING
            """);
        command.Parameters.AddWithValue("shard", shard);
        command.Parameters.AddWithValue("seq", seq);
        command.Parameters.AddWithValue("state", state);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Drops the day partitions older than the retention; returns how many were dropped.</summary>
    public async Task<int> DropExpiredPartitionsAsync(int retentionDays, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT ingest.drop_expired_partitions(@days)");
        command.Parameters.AddWithValue("days", retentionDays);
        var dropped = (int)(await command.ExecuteScalarAsync(ct))!;
        if (dropped > 0)
        {
            var cutoff = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-retentionDays);
            lock (_partitionsLock) _knownPartitions.RemoveWhere(d => d < cutoff);
        }
        return dropped;
    }
}
