-- Raw exposure and metric events, and the user shards' snapshots (docs/ingestion.md).
--
-- raw_events is the durable log and the dedupe index in one: its primary key (event_id, event_day) makes
-- INSERT ... ON CONFLICT DO NOTHING exact. PostgreSQL requires a partitioned table's keys to contain the partition
-- key, so the day is part of the key: it is the UTC day of the event's own timestamp, which a retry repeats.
-- Partitions are created on demand by ensure_day_partition and dropped after the retention by
-- drop_expired_partitions. Each user shard is the single writer of its rows, so (shard, seq) is its commit order,
-- which recovery replays after the shard's snapshot.
--
-- Idempotent; OrleansSchema applies it at every start-up. By hand: psql --single-transaction -f 20-events.sql

SELECT pg_advisory_xact_lock(7214836501);

CREATE SCHEMA IF NOT EXISTS ingest;

CREATE TABLE IF NOT EXISTS ingest.raw_events
(
    event_day   date             NOT NULL,
    event_id    uuid             NOT NULL,
    shard       integer          NOT NULL,
    seq         bigint           NOT NULL,
    -- 0 metric, 1 exposure, 2 exposure to an experiment not running, 3 exposure to an unknown variant
    kind        smallint         NOT NULL,
    user_id     text             NOT NULL,
    occurred_at timestamptz      NOT NULL,
    experiment  text,
    variant     text,
    event_type  text,
    value       double precision,
    received_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, event_day)
) PARTITION BY RANGE (event_day);

CREATE INDEX IF NOT EXISTS raw_events_shard_seq ON ingest.raw_events (shard, seq);

CREATE TABLE IF NOT EXISTS ingest.shard_snapshots
(
    shard    integer     NOT NULL PRIMARY KEY,
    seq      bigint      NOT NULL,
    state    bytea       NOT NULL,
    taken_at timestamptz NOT NULL
);

-- Incremental snapshots: between two full snapshots (above), a shard writes only the users changed since its previous
-- snapshot, with the shard-wide facts. Recovery loads the full one, then the deltas after it in seq order; writing a
-- full snapshot deletes the deltas it covers.
CREATE TABLE IF NOT EXISTS ingest.shard_snapshot_deltas
(
    shard    integer     NOT NULL,
    seq      bigint      NOT NULL,
    state    bytea       NOT NULL,
    taken_at timestamptz NOT NULL,
    PRIMARY KEY (shard, seq)
);

-- Concurrent shards may need the same new day at once. The advisory lock serialises them, but a catalog lookup after
-- an advisory lock can still miss a table another session just created, so a duplicate is caught, not prevented.
CREATE OR REPLACE FUNCTION ingest.ensure_day_partition(day date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    name text := 'raw_events_' || to_char(day, 'YYYYMMDD');
BEGIN
    IF to_regclass('ingest.' || name) IS NOT NULL THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(7214836502);
    BEGIN
        EXECUTE format('CREATE TABLE IF NOT EXISTS ingest.%I PARTITION OF ingest.raw_events FOR VALUES FROM (%L) TO (%L)',
                       name, day, day + 1);
    EXCEPTION WHEN duplicate_table OR unique_violation THEN
        NULL;
    END;
END
$$;

CREATE OR REPLACE FUNCTION ingest.drop_expired_partitions(retention_days integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    part    record;
    dropped integer := 0;
BEGIN
    PERFORM pg_advisory_xact_lock(7214836502);
    FOR part IN
        SELECT c.relname
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_class p ON p.oid = i.inhparent
        JOIN pg_namespace n ON n.oid = p.relnamespace
        WHERE n.nspname = 'ingest' AND p.relname = 'raw_events' AND c.relname ~ '^raw_events_[0-9]{8}$'
    LOOP
        IF to_date(substr(part.relname, 12), 'YYYYMMDD') < current_date - retention_days THEN
            EXECUTE format('DROP TABLE ingest.%I', part.relname);
            dropped := dropped + 1;
        END IF;
    END LOOP;
    RETURN dropped;
END
$$;
