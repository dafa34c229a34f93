-- Issue 10: the counters of the metrics page (/cgi-bin/passwd-admin/metrics).
-- A counter must never go backwards, so it is not derived from rows the
-- housekeeper deletes (audit rows, flows): each counted event adds 1 to one
-- row here, in the transaction of the event itself (lib/store/metric_counters).
--
-- A counter is spread over a few rows (shard, drawn at random per increment)
-- so that concurrent transactions, and the nodes of a multi-master cluster,
-- seldom wait on the same row; its value is the sum of its rows. Rows are
-- created on first use; the names are lib/store/metric_counters' table.
CREATE TABLE IF NOT EXISTS metric_counters (
  name             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  shard            TINYINT UNSIGNED NOT NULL,
  value            BIGINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (name, shard)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
