-- Reminder storage for Microsoft.Orleans.Reminders.AdoNet (invariant "Npgsql"), written for this project.
--
-- The provider ships no SQL. When the silo's reminder service starts it reads these statements from OrleansQuery
-- once, so this script must have run before then (OrleansSchema runs at RuntimeInitialize, before grain services):
--   UpsertReminderRowKey   @ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash
--                          -> one row whose "Version" is the row's new version (the reminder's ETag)
--   ReadReminderRowKey     @ServiceId, @GrainId, @ReminderName -> at most one reminder row
--   ReadReminderRowsKey    @ServiceId, @GrainId -> the grain's reminder rows
--   ReadRangeRows1Key      @ServiceId, @BeginHash, @EndHash -> rows with BeginHash < GrainHash <= EndHash
--   ReadRangeRows2Key      the same for a range that wraps: GrainHash > BeginHash or GrainHash <= EndHash
--   DeleteReminderRowKey   @ServiceId, @GrainId, @ReminderName, @Version -> one row, one column: true if deleted
--   DeleteReminderRowsKey  @ServiceId (tests only: clears the service's reminders)
-- A reminder row is read by column name: "GrainId" (text), "ReminderName", "StartTime" (timestamptz, read as UTC),
-- "Period" (milliseconds, read with GetInt64, so bigint) and "Version" (int). @Period arrives as int or bigint
-- depending on its size, @GrainHash as the grain's uniform hash cast to int, so it can be negative.
--
-- Idempotent and safe to run from several silos at once, like orleans-persistence.sql: the same advisory lock, and
-- only IF NOT EXISTS and upserts. By hand: psql --single-transaction -f orleans-reminders.sql

SELECT pg_advisory_xact_lock(7214836501);

-- Also created by orleans-persistence.sql; repeated so that this script stands on its own.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_reminders
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- Every silo reads its ring range of hashes at start and every RefreshReminderListPeriod (5 minutes by default).
CREATE INDEX IF NOT EXISTS orleans_reminders_hash ON orleans_reminders (service_id, grain_hash);

-- The version is the ETag that unregistering must match. It wraps to 0 instead of overflowing; an ETag exactly 2^31
-- updates old is not a realistic risk.
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
    ('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders AS r (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = EXCLUDED.start_time, period_ms = EXCLUDED.period_ms, grain_hash = EXCLUDED.grain_hash,
    version = CASE WHEN r.version = 2147483647 THEN 0 ELSE r.version + 1 END
RETURNING r.version AS "Version"
$q$),
    ('ReadReminderRowKey', $q$
SELECT r.grain_id AS "GrainId", r.reminder_name AS "ReminderName", r.start_time AS "StartTime",
       r.period_ms AS "Period", r.version AS "Version"
FROM orleans_reminders AS r
WHERE r.service_id = @ServiceId AND r.grain_id = @GrainId AND r.reminder_name = @ReminderName
$q$),
    ('ReadReminderRowsKey', $q$
SELECT r.grain_id AS "GrainId", r.reminder_name AS "ReminderName", r.start_time AS "StartTime",
       r.period_ms AS "Period", r.version AS "Version"
FROM orleans_reminders AS r
WHERE r.service_id = @ServiceId AND r.grain_id = @GrainId
$q$),
    ('ReadRangeRows1Key', $q$
SELECT r.grain_id AS "GrainId", r.reminder_name AS "ReminderName", r.start_time AS "StartTime",
       r.period_ms AS "Period", r.version AS "Version"
FROM orleans_reminders AS r
WHERE r.service_id = @ServiceId AND r.grain_hash > @BeginHash AND r.grain_hash <= @EndHash
$q$),
    ('ReadRangeRows2Key', $q$
SELECT r.grain_id AS "GrainId", r.reminder_name AS "ReminderName", r.start_time AS "StartTime",
       r.period_ms AS "Period", r.version AS "Version"
FROM orleans_reminders AS r
WHERE r.service_id = @ServiceId AND (r.grain_hash > @BeginHash OR r.grain_hash <= @EndHash)
$q$),
    ('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders AS r
    WHERE r.service_id = @ServiceId AND r.grain_id = @GrainId AND r.reminder_name = @ReminderName
      AND r.version = @Version
    RETURNING 1
)
SELECT count(*) > 0 AS "Deleted" FROM deleted
$q$),
    ('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
