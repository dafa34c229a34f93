-- Issue 14: English beside Japanese. The language a queued mail is written
-- in ('ja' or 'en'; docs/i18n.md), which chooses its sender's display name
-- (mail_from_name or mail_from_name_en) when the mail sender sends it.
-- Mails queued before this migration were written in Japanese, or by a
-- version that wrote English mails with the Japanese name.
ALTER TABLE mail_outbox
  ADD COLUMN IF NOT EXISTS lang CHAR(2) CHARACTER SET ascii COLLATE ascii_bin
    NOT NULL DEFAULT 'ja';
