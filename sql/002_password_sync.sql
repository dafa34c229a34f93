-- Propagation of a new password to the network's other services: one row
-- per downstream target, written in the transaction of the change, drained
-- by the sync-worker on a schedule.
CREATE TABLE password_sync_queue (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  umin_id          VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  target           VARCHAR(255) NOT NULL,  -- a sync_targets entry
  -- The password in the target's own format (e.g. SHA-512-crypt for an
  -- htpasswd file), computed while the password was in memory; cleared
  -- once delivered.
  credential       VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL,
  status           ENUM('pending', 'done', 'failed') NOT NULL DEFAULT 'pending',
  attempts         INT UNSIGNED NOT NULL DEFAULT 0,
  last_error       VARCHAR(255) NOT NULL DEFAULT '',
  created_at       DATETIME NOT NULL,
  done_at          DATETIME NULL,
  PRIMARY KEY (id),
  KEY password_sync_due (status, id),
  KEY password_sync_by_account (umin_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
