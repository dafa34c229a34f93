-- Issue 12, finding 9: a sealed outbox secret is bound to its row.
--
-- seal_ref is a random reference (16 bytes as 32 hex digits) the writer
-- draws before its INSERT, for a row with a sealed secret only. The secret
-- is sealed with "mail_outbox:<seal_ref>:<kind>:<recipient>" as AES-GCM
-- additional data (mail/outbox), so a sealed value copied into another row,
-- or a row whose kind or recipient was changed, fails authentication and
-- is never sent. The unique index makes the reference one row's: a value
-- cannot take its reference along to another row while the first keeps it.
-- Rows sealed before this migration have no reference and fail closed
-- (docs/design.md, "Mail").
ALTER TABLE mail_outbox
  ADD COLUMN IF NOT EXISTS seal_ref CHAR(32) CHARACTER SET ascii
    COLLATE ascii_bin NULL;
CREATE UNIQUE INDEX IF NOT EXISTS mail_outbox_seal_ref
  ON mail_outbox (seal_ref);
