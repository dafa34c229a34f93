-- The operator console: sessions, notes on requests, the one-time links
-- that let a user start the code entry, and address changes that need a
-- second operator's approval. Times in UTC, like everywhere.

-- One signed-in console browser. The cookie holds a random token; only its
-- SHA-256 is stored. Idle and absolute timeouts are constants in the code
-- (lib/admin_session.h); ended_at is set at logout or when a timeout is found.
CREATE TABLE operator_sessions (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  token_hash       CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  operator_id      INT UNSIGNED NOT NULL,
  client_address   VARCHAR(45) CHARACTER SET ascii NOT NULL DEFAULT '',
  created_at       DATETIME NOT NULL,
  last_seen_at     DATETIME NOT NULL,
  ended_at         DATETIME NULL,
  PRIMARY KEY (id),
  UNIQUE KEY operator_sessions_by_token (token_hash),
  KEY operator_sessions_by_operator (operator_id, ended_at),
  CONSTRAINT operator_sessions_operator FOREIGN KEY (operator_id)
    REFERENCES operators (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What operators wrote on a request: a note, or the reason of a rejection
-- (the text mailed to the applicant).
CREATE TABLE operator_notes (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  request_id       BIGINT UNSIGNED NOT NULL,
  operator_id      INT UNSIGNED NOT NULL,
  kind             ENUM('note', 'rejection', 'closing') NOT NULL DEFAULT 'note',
  body             TEXT NOT NULL,
  created_at       DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY operator_notes_by_request (request_id, id),
  CONSTRAINT operator_notes_request FOREIGN KEY (request_id)
    REFERENCES operator_requests (id),
  CONSTRAINT operator_notes_operator FOREIGN KEY (operator_id)
    REFERENCES operators (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- "Send an access code": a link mailed to the account's registered
-- addresses, valid 24 hours, used once; its page starts the code entry in
-- the user's own browser. Only the token's SHA-256 is stored (the token
-- itself travels sealed in the mail outbox). A newer link for the account
-- voids the older ones.
CREATE TABLE operator_link_tokens (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  token_hash       CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  request_id       BIGINT UNSIGNED NOT NULL,
  umin_id          VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  operator_id      INT UNSIGNED NOT NULL,
  created_at       DATETIME NOT NULL,
  expires_at       DATETIME NOT NULL,
  used_at          DATETIME NULL,
  voided_at        DATETIME NULL,
  PRIMARY KEY (id),
  UNIQUE KEY operator_link_tokens_by_token (token_hash),
  KEY operator_link_tokens_by_account (umin_id, used_at, voided_at),
  CONSTRAINT operator_link_tokens_request FOREIGN KEY (request_id)
    REFERENCES operator_requests (id),
  CONSTRAINT operator_link_tokens_account FOREIGN KEY (umin_id)
    REFERENCES accounts (umin_id),
  CONSTRAINT operator_link_tokens_operator FOREIGN KEY (operator_id)
    REFERENCES operators (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A new registered address for an account: proposed by one operator,
-- applied to accounts.external_mail only when a different operator approves.
CREATE TABLE address_change_requests (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  umin_id          VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  old_mail         VARCHAR(254) NULL,   -- the address when proposed
  new_mail         VARCHAR(254) NOT NULL,
  reason           VARCHAR(500) NOT NULL,
  request_id       BIGINT UNSIGNED NULL,  -- the operator request behind it
  status           ENUM('pending', 'approved', 'rejected') NOT NULL
                   DEFAULT 'pending',
  requested_by     INT UNSIGNED NOT NULL,
  requested_at     DATETIME NOT NULL,
  decided_by       INT UNSIGNED NULL,     -- approver, or who rejected it
  decided_at       DATETIME NULL,
  PRIMARY KEY (id),
  KEY address_change_by_status (status, requested_at),
  KEY address_change_by_account (umin_id, status),
  CONSTRAINT address_change_account FOREIGN KEY (umin_id)
    REFERENCES accounts (umin_id),
  CONSTRAINT address_change_request FOREIGN KEY (request_id)
    REFERENCES operator_requests (id),
  CONSTRAINT address_change_requested_by FOREIGN KEY (requested_by)
    REFERENCES operators (id),
  CONSTRAINT address_change_decided_by FOREIGN KEY (decided_by)
    REFERENCES operators (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The audit page filters by operator and by request.
CREATE INDEX audit_by_operator ON audit_log (operator_name, occurred_at);
CREATE INDEX audit_by_request ON audit_log (request_ref);
