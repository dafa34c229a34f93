-- Issue 10: accounts come from the registry (umin-passwdctl import-accounts)
-- and keep a state of their own:
--   active    the flows and the console find it
--   disabled  the registry disabled it: answered as an unknown UMIN ID
--   removed   absent from the last full import (--full); never deleted, so
--             its flows, requests and audit rows keep their account, and
--             answered as an unknown UMIN ID
-- Lookups read one account by its primary key or the accounts of one birth
-- date (accounts_by_birth_date) and filter on the state; no index on it is
-- needed. One DDL statement, so a failure leaves nothing half done.
ALTER TABLE accounts
  ADD COLUMN IF NOT EXISTS status ENUM('active', 'disabled', 'removed')
      NOT NULL DEFAULT 'active' AFTER category;
