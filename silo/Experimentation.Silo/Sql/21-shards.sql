-- The user shards' ownership and the shard count the data was written with (docs/scale.md).
--
-- shard_leases fences a shard's writer. Each activation of a shard takes the next epoch of its row, and every commit
-- of raw events first locks that row FOR SHARE and checks the epoch is still its own. Taking an epoch (an UPDATE)
-- waits for any commit holding the lock, and a commit after it sees the new epoch and writes nothing. So when a silo
-- was declared dead while paused and its shard moved, the old activation can never append to the log again, even if
-- it resumes in the middle of a commit: the shard keeps exactly one writer, which is what makes (shard, seq) its
-- commit order and the fold exactly once.
--
-- settings records the shard count on first start. Users map to shards by hash modulo the count and a shard's state
-- is the fold of its own log, so starting with another count would silently move users between shards; the silo
-- refuses instead (ShardCountRecord).
--
-- Idempotent; OrleansSchema applies it at every start-up. By hand: psql --single-transaction -f 21-shards.sql

SELECT pg_advisory_xact_lock(7214836501);

CREATE SCHEMA IF NOT EXISTS ingest;

CREATE TABLE IF NOT EXISTS ingest.shard_leases
(
    shard    integer     NOT NULL PRIMARY KEY,
    epoch    bigint      NOT NULL,
    owner    text        NOT NULL,
    taken_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS ingest.settings
(
    name       text        NOT NULL PRIMARY KEY,
    value      text        NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
