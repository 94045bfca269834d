-- The scheduler's leases, one row per sweep (fcgi/scheduler.c). A pool
-- host's scheduler runs a sweep only while it holds that sweep's lease,
-- taken or renewed by one conditional UPDATE in autocommit:
--   UPDATE sweep_lease SET owner = ?, expires_at = … WHERE name = ?
--     AND (expires_at < UTC_TIMESTAMP(6) OR owner = ?)
-- and one row affected means it holds it. GET_LOCK and SELECT … FOR UPDATE
-- hold on one Galera node only; a committed row holds across the cluster
-- (of two nodes' takers, one fails certification). The owner is the
-- scheduler's host name and process id; a scheduler that stops releases
-- its leases, one that dies holds them until they expire.
CREATE TABLE sweep_lease (
  name       VARCHAR(64) NOT NULL,
  owner      VARCHAR(128) NOT NULL DEFAULT '',
  expires_at DATETIME(6) NOT NULL DEFAULT '1970-01-01 00:00:00',
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the sweeps of handlers/sweeps.c (a sweep added later gets its row from
-- the scheduler itself)
INSERT INTO sweep_lease (name) VALUES
  ('unpaid-orders'), ('instance-expiry'), ('delivery-acceptance'), ('sandbox-notify'), ('purge'),
  ('purge-nonces');
