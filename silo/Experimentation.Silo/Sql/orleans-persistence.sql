-- Grain state storage for Microsoft.Orleans.Persistence.AdoNet (invariant "Npgsql"), written for this project.
--
-- The provider ships no SQL. At start-up it reads four statements from OrleansQuery, keyed WriteToStorageKey,
-- ReadFromStorageKey, ClearStorageKey and DeleteStorageKey (the last only when DeleteStateOnClear is set), and
-- binds these parameters (the statements may ignore some):
--   @GrainIdHash int, @GrainIdN0 bigint, @GrainIdN1 bigint, @GrainTypeHash int, @GrainTypeString text,
--   @GrainIdExtensionString text (null for plain integer and guid keys), @ServiceId text,
--   @GrainStateVersion int (the ETag; null when the grain holds none), @PayloadBinary bytea.
-- What it expects back:
--   read   -> at most one row with columns "PayloadBinary" and "Version". A row with a null payload is a cleared
--             grain: the provider reports RecordExists = false but keeps the version as the ETag.
--   write  -> one row whose "NewGrainStateVersion" is the new version; NULL (or no row) means the ETag was stale,
--             and the provider throws InconsistentStateException.
--   clear, delete -> one row whose first column is the new version; NULL (or no row) means the ETag was stale.
--             For delete the value only has to differ from the ETag: the provider forgets it.
--
-- Idempotent and safe to run from several silos at once: OrleansSchema runs each script in its own transaction,
-- and the advisory lock below serialises concurrent runs (concurrent CREATE ... IF NOT EXISTS or CREATE OR REPLACE
-- FUNCTION can otherwise fail with duplicate-key or "tuple concurrently updated" errors).
-- By hand: psql --single-transaction -f orleans-persistence.sql
-- Needs PostgreSQL 15 or later (UNIQUE NULLS NOT DISTINCT).

-- One lock id for every Orleans script of this project, so they never run interleaved.
SELECT pg_advisory_xact_lock(7214836501);

-- Shared by every ADO.NET provider (persistence, clustering, reminders). The providers query it with unquoted
-- identifiers, so the names must stay unquoted (PostgreSQL folds them to lower case).
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    service_id          text        NOT NULL,
    grain_type_hash     integer     NOT NULL,
    grain_type          text        NOT NULL,
    grain_id_hash       integer     NOT NULL,
    grain_id_n0         bigint      NOT NULL,
    grain_id_n1         bigint      NOT NULL,
    grain_id_extension  text        NULL,
    payload             bytea       NULL,
    version             integer     NOT NULL,
    modified_at         timestamptz NOT NULL DEFAULT now()
);

-- The full natural key is unique so that two activations racing to insert the first state cannot both succeed.
-- The hashes lead because they are the most selective; the text columns settle hash collisions.
-- NULLS NOT DISTINCT: a grain without key extension must still have exactly one row.
CREATE UNIQUE INDEX IF NOT EXISTS orleans_grain_state_key
    ON orleans_grain_state (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type,
                            grain_id_extension)
    NULLS NOT DISTINCT;

-- Versions are the ETag. Wrapping to 1 instead of overflowing keeps a grain writable after 2^31 writes; a stale
-- ETag exactly 2^31 writes old is not a realistic risk.
CREATE OR REPLACE FUNCTION orleans_next_version(current_version integer)
    RETURNS integer
    LANGUAGE sql IMMUTABLE
AS $$
    SELECT CASE WHEN current_version = 2147483647 THEN 1 ELSE current_version + 1 END
$$;

CREATE OR REPLACE FUNCTION orleans_write_grain_state(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer,
    p_grain_type text, p_grain_id_extension text, p_service_id text, p_expected_version integer, p_payload bytea)
    RETURNS integer
    LANGUAGE plpgsql
AS $$
DECLARE
    new_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        -- The grain believes no row exists. If one does (another activation wrote first), DO NOTHING returns no
        -- version and the provider reports the conflict.
        INSERT INTO orleans_grain_state AS s (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0,
                                              grain_id_n1, grain_id_extension, payload, version)
        VALUES (p_service_id, p_grain_type_hash, p_grain_type, p_grain_id_hash, p_grain_id_n0, p_grain_id_n1,
                p_grain_id_extension, p_payload, 1)
        ON CONFLICT DO NOTHING
        RETURNING s.version INTO new_version;
    ELSE
        UPDATE orleans_grain_state AS s
        SET payload = p_payload, version = orleans_next_version(s.version), modified_at = now()
        WHERE s.grain_id_hash = p_grain_id_hash AND s.grain_type_hash = p_grain_type_hash
          AND s.service_id = p_service_id AND s.grain_id_n0 = p_grain_id_n0 AND s.grain_id_n1 = p_grain_id_n1
          AND s.grain_type = p_grain_type AND s.grain_id_extension IS NOT DISTINCT FROM p_grain_id_extension
          AND s.version = p_expected_version
        RETURNING s.version INTO new_version;
    END IF;
    RETURN new_version;
END
$$;

-- Clearing keeps the row with a null payload and a new version, so versions never repeat for a grain and a
-- stale ETag from before the clear is still rejected.
CREATE OR REPLACE FUNCTION orleans_clear_grain_state(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer,
    p_grain_type text, p_grain_id_extension text, p_service_id text, p_expected_version integer)
    RETURNS integer
    LANGUAGE sql
AS $$
    UPDATE orleans_grain_state AS s
    SET payload = NULL, version = orleans_next_version(s.version), modified_at = now()
    WHERE s.grain_id_hash = p_grain_id_hash AND s.grain_type_hash = p_grain_type_hash
      AND s.service_id = p_service_id AND s.grain_id_n0 = p_grain_id_n0 AND s.grain_id_n1 = p_grain_id_n1
      AND s.grain_type = p_grain_type AND s.grain_id_extension IS NOT DISTINCT FROM p_grain_id_extension
      AND s.version = p_expected_version
    RETURNING s.version
$$;

-- Used instead of clearing when DeleteStateOnClear is set. Returns the version the row would have had next: the
-- provider only checks that it is neither null nor the ETag it sent.
CREATE OR REPLACE FUNCTION orleans_delete_grain_state(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer,
    p_grain_type text, p_grain_id_extension text, p_service_id text, p_expected_version integer)
    RETURNS integer
    LANGUAGE sql
AS $$
    DELETE FROM orleans_grain_state AS s
    WHERE s.grain_id_hash = p_grain_id_hash AND s.grain_type_hash = p_grain_type_hash
      AND s.service_id = p_service_id AND s.grain_id_n0 = p_grain_id_n0 AND s.grain_id_n1 = p_grain_id_n1
      AND s.grain_type = p_grain_type AND s.grain_id_extension IS NOT DISTINCT FROM p_grain_id_extension
      AND s.version = p_expected_version
    RETURNING orleans_next_version(s.version)
$$;

-- Each function call returns exactly one row (NULL on a stale ETag), which the provider reads by column name.
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
    ('ReadFromStorageKey', $q$
SELECT s.payload AS "PayloadBinary", s.version AS "Version"
FROM orleans_grain_state AS s
WHERE s.grain_id_hash = @GrainIdHash AND s.grain_type_hash = @GrainTypeHash
  AND s.service_id = @ServiceId AND s.grain_id_n0 = @GrainIdN0 AND s.grain_id_n1 = @GrainIdN1
  AND s.grain_type = @GrainTypeString AND s.grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),
    ('WriteToStorageKey', $q$
SELECT orleans_write_grain_state(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary) AS "NewGrainStateVersion"
$q$),
    ('ClearStorageKey', $q$
SELECT orleans_clear_grain_state(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion) AS "NewGrainStateVersion"
$q$),
    ('DeleteStorageKey', $q$
SELECT orleans_delete_grain_state(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion) AS "NewGrainStateVersion"
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
