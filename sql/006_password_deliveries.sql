-- Issue 10: each password change is a row of its own, and gets one delivery
-- row per configured target that keeps its state, its tries and the hash
-- (so a lost downstream file can be rebuilt from the rows).
--
-- Delivery states:
--   pending     not yet tried; due at next_try_at (NULL: at once)
--   delivered   the target accepted it at done_at
--   failed      the last try failed (last_error); retried at next_try_at,
--               with backoff, until delivered or superseded
--   superseded  a newer change of the same account for the same target came
--               before this one was delivered; never tried again
CREATE TABLE password_changes (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  umin_id          VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  changed_at       DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY password_changes_by_account (umin_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE password_sync_queue
  MODIFY status ENUM('pending', 'done', 'delivered', 'failed', 'superseded')
         NOT NULL DEFAULT 'pending';
UPDATE password_sync_queue SET status = 'delivered' WHERE status = 'done';
ALTER TABLE password_sync_queue
  MODIFY status ENUM('pending', 'delivered', 'failed', 'superseded')
         NOT NULL DEFAULT 'pending',
  -- The change this row delivers (NULL for rows queued before this
  -- migration).
  ADD COLUMN change_id BIGINT UNSIGNED NULL AFTER id,
  ADD COLUMN next_try_at DATETIME NULL AFTER attempts,
  ADD COLUMN last_try_at DATETIME NULL AFTER next_try_at,
  ADD KEY password_sync_next_try (status, next_try_at),
  ADD KEY password_sync_by_change (change_id);
