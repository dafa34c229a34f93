-- Issue 13: where a flow's access code went, masked as the code page shows
-- it (domain/mail_address.h, MaskMailAddress; one address a line), stored
-- when the code is sent. The code page and a wrong code's answer read it
-- with the flow, in the one statement that finds the flow, instead of
-- reading the account again; and they show where the code went even when
-- the registered address changed since. Flows begun before this migration
-- have none and show no list; they end within ten minutes.
ALTER TABLE reset_flows
  ADD COLUMN IF NOT EXISTS masked_recipients VARCHAR(1000) NULL;
