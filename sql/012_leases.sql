-- Issue 11: several app hosts on a Galera cluster.
--
-- Leases. A worker claims a mail or a delivery row by writing its owner
-- (host_name:pid) and the claim's expiry and committing, talks to SMTP or
-- the target outside any transaction, then commits the result only while
-- the claim is still its own. Row locks (FOR UPDATE SKIP LOCKED) only hold
-- on one Galera node; a committed claim holds on all of them, and two
-- claims of one row on two nodes conflict at certification, so one of them
-- is retried and then sees the other's claim. A claim past lease_until is
-- taken again (a worker that died holding it).
ALTER TABLE mail_outbox
  ADD COLUMN IF NOT EXISTS lease_owner VARCHAR(128) CHARACTER SET ascii
    COLLATE ascii_bin NULL,
  ADD COLUMN IF NOT EXISTS lease_until DATETIME NULL;
ALTER TABLE password_sync_queue
  ADD COLUMN IF NOT EXISTS lease_owner VARCHAR(128) CHARACTER SET ascii
    COLLATE ascii_bin NULL,
  ADD COLUMN IF NOT EXISTS lease_until DATETIME NULL;

-- Exact rate limits on every node: a check writes its subject's row (one
-- more check), so two checks of one subject on two nodes conflict at
-- certification, and the one retried counts the other's event. An update
-- that changed nothing (last_checked_at in the same second) would put no
-- key in the write set.
ALTER TABLE rate_limit_subjects
  ADD COLUMN IF NOT EXISTS checks BIGINT UNSIGNED NOT NULL DEFAULT 0;
