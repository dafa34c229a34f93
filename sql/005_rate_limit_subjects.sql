-- One row per (scope, subject) that has been rate-limited: CheckRateLimit
-- locks it (INSERT ... ON DUPLICATE KEY UPDATE) before counting the
-- subject's rate_limit_events, so parallel requests of one client address or
-- account are counted one after another and a burst cannot overrun a limit.
-- last_checked_at lets old rows be pruned with their events.
CREATE TABLE rate_limit_subjects (
  scope            VARCHAR(32) CHARACTER SET ascii NOT NULL,
  subject          VARCHAR(128) NOT NULL,  -- a UMIN ID or a client address
  last_checked_at  DATETIME NOT NULL,
  PRIMARY KEY (scope, subject),
  KEY rate_limit_subjects_by_time (last_checked_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
