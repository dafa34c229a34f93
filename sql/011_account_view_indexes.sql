-- Issue 10: the console's account view and failed-mail list read by index.
-- One statement each, re-runnable (docs/design.md, "Migrations").
--   mail_outbox_by_recipient  an account's mails, newest first
--   mail_outbox_by_status     failed mails, newest first, a page at a time
--   operator_requests_by_account  the requests naming an account
CREATE INDEX IF NOT EXISTS mail_outbox_by_recipient
  ON mail_outbox (recipient, id);
CREATE INDEX IF NOT EXISTS mail_outbox_by_status
  ON mail_outbox (status, id);
CREATE INDEX IF NOT EXISTS operator_requests_by_account
  ON operator_requests (umin_id, id);
