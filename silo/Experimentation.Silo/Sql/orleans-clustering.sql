-- Cluster membership for Microsoft.Orleans.Clustering.AdoNet (invariant "Npgsql"), written for this project.
--
-- The provider ships no SQL. Silos read these statements from OrleansQuery when the membership table starts
-- (RuntimeGrainServices, after OrleansSchema ran at RuntimeInitialize); gateway hosts and embedded clients read only
-- GatewaysQueryKey. The contract, from the provider's source:
--   InsertMembershipVersionKey  @DeploymentId -> one value, true when the deployment's version row was created
--   InsertMembershipKey         the silo's row (@Address @Port @Generation @SiloName @HostName @Status @ProxyPort
--                               @StartTime @IAmAliveTime) and @Version, the table version the silo last read
--                               -> one value, true only if the row was new and the version still matched; the
--                               version then grows by one
--   UpdateMembershipKey         @Address @Port @Generation @Status @SuspectTimes @IAmAliveTime @Version -> the same
--                               compare-and-swap on the version, for an existing row
--   UpdateIAmAlivetimeKey       @DeploymentId @Address @Port @Generation @IAmAliveTime; never checked, no version
--   MembershipReadRowKey        one silo's row, MembershipReadAllKey every row, each joined to the version row so
--                               that an empty table still returns the version; columns read by name: DeploymentId,
--                               Address, Port, Generation, SiloName, HostName, Status, ProxyPort, SuspectTimes,
--                               StartTime, IAmAliveTime, Version
--   GatewaysQueryKey            @DeploymentId @Status -> Address, ProxyPort, Generation of the active gateways
--   DeleteMembershipTableEntriesKey  @DeploymentId (tests and cluster resets)
--   CleanupDefunctSiloEntriesKey     @DeploymentId @IAmAliveTime: forget silos not alive since then, except active ones
-- The version is the whole table's optimistic lock: every membership change (a join, a suspicion, a death vote)
-- bumps it, and a writer holding a stale version fails and re-reads. Each statement here is a single SQL statement,
-- so the version check and the row change commit together or not at all.
--
-- Idempotent and safe from several silos at once, like the other Orleans scripts: the same advisory lock, only
-- IF NOT EXISTS and upserts. By hand: psql --single-transaction -f orleans-clustering.sql

SELECT pg_advisory_xact_lock(7214836501);

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id text        NOT NULL PRIMARY KEY,
    changed_at    timestamptz NOT NULL DEFAULT now(),
    version       integer     NOT NULL DEFAULT 0
);

-- One row per silo incarnation: a restarted silo on the same address and port has a new generation, and its old row
-- stays (dead) until the cleanup agent removes it.
CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NULL,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
    ('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT count(*) > 0 AS "Created" FROM created
$q$),
    -- The version row's UPDATE locks it, so two silos joining at once serialise there; the second re-checks the
    -- version after the first commits, finds it moved, and reports false.
    ('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version AS v
    SET version = v.version + 1, changed_at = now()
    WHERE v.deployment_id = @DeploymentId AND v.version = @Version
      AND NOT EXISTS (SELECT 1 FROM orleans_membership AS m
                      WHERE m.deployment_id = @DeploymentId AND m.address = @Address
                        AND m.port = @Port AND m.generation = @Generation)
    RETURNING v.deployment_id
),
inserted AS (
    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT b.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped AS b
    RETURNING 1
)
SELECT count(*) > 0 AS "Inserted" FROM inserted
$q$),
    ('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version AS v
    SET version = v.version + 1, changed_at = now()
    WHERE v.deployment_id = @DeploymentId AND v.version = @Version
      AND EXISTS (SELECT 1 FROM orleans_membership AS m
                  WHERE m.deployment_id = @DeploymentId AND m.address = @Address
                    AND m.port = @Port AND m.generation = @Generation)
    RETURNING v.deployment_id
),
updated AS (
    UPDATE orleans_membership AS m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped AS b
    WHERE m.deployment_id = b.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT count(*) > 0 AS "Updated" FROM updated
$q$),
    ('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),
    ('MembershipReadRowKey', $q$
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime",
       v.version AS "Version"
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m
       ON m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),
    ('MembershipReadAllKey', $q$
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime",
       v.version AS "Version"
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),
    ('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),
    -- The rows go with the version row (ON DELETE CASCADE).
    ('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),
    -- 3 is SiloStatus.Active: an active silo is never removed, however late its heartbeat.
    ('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
