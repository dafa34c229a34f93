-- Issue 14: English beside Japanese. The language of the page an operator
-- request was made from ('ja' or 'en'; docs/i18n.md): the mails the
-- console's actions send about the request (the operator's link, the
-- rejection) speak it. Requests made before this migration were made in
-- Japanese, the only language then.
ALTER TABLE operator_requests
  ADD COLUMN IF NOT EXISTS lang CHAR(2) CHARACTER SET ascii COLLATE ascii_bin
    NOT NULL DEFAULT 'ja';
