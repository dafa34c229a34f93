-- The service's schema. Every time is DATETIME in UTC (the servers and each
-- connection run with time_zone '+00:00'); pages show JST.
-- Migrations are applied in file-name order and never edited once landed.

-- UMIN accounts as far as password renewal needs them.
CREATE TABLE accounts (
  umin_id          VARCHAR(32)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  family_name      VARCHAR(64)  NOT NULL,  -- 姓
  given_name       VARCHAR(64)  NOT NULL,  -- 名
  family_reading   VARCHAR(64)  NOT NULL,  -- せい (hiragana)
  given_reading    VARCHAR(64)  NOT NULL,  -- めい (hiragana)
  gender           ENUM('male', 'female') NOT NULL,
  birth_date       DATE         NOT NULL,
  external_mail    VARCHAR(254) NULL,      -- registered outside address
  -- individual, or a category that needs the secretariat's review:
  -- role 役職, business 業務, admin 管理, group 団体.
  category         ENUM('individual', 'role', 'business', 'admin', 'group')
                   NOT NULL DEFAULT 'individual',
  password_hash    VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL,
  password_changed_at DATETIME  NULL,
  created_at       DATETIME     NOT NULL,
  updated_at       DATETIME     NOT NULL,
  PRIMARY KEY (umin_id),
  KEY accounts_by_birth_date (birth_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One password renewal attempt, bound to one browser by a cookie token.
CREATE TABLE reset_flows (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  token_hash       CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  umin_id          VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  via              ENUM('id', 'profile', 'operator') NOT NULL,
  state            ENUM('code_sent', 'verified', 'locked', 'expired',
                        'voided', 'done') NOT NULL DEFAULT 'code_sent',
  code_hash        CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  code_expires_at  DATETIME NOT NULL,
  code_tries       INT UNSIGNED NOT NULL DEFAULT 0,  -- tries reserved, right or wrong
  verified_at      DATETIME NULL,
  client_address   VARCHAR(45) CHARACTER SET ascii NOT NULL,
  created_at       DATETIME NOT NULL,
  updated_at       DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY reset_flows_by_token (token_hash),
  KEY reset_flows_by_account (umin_id, state),
  CONSTRAINT reset_flows_account FOREIGN KEY (umin_id) REFERENCES accounts (umin_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The secretariat's staff who work the operator requests.
CREATE TABLE operators (
  id               INT UNSIGNED NOT NULL AUTO_INCREMENT,
  login            VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  display_name     VARCHAR(128) NOT NULL,
  password_hash    VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  failed_logins    INT UNSIGNED NOT NULL DEFAULT 0,
  locked_until     DATETIME NULL,
  disabled         TINYINT(1) NOT NULL DEFAULT 0,
  created_at       DATETIME NOT NULL,
  updated_at       DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY operators_by_login (login)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- オペレータへパスワード更新申請: what self-service could not handle.
CREATE TABLE operator_requests (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  receipt_number   VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  umin_id          VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
  family_name      VARCHAR(64) NOT NULL,
  given_name       VARCHAR(64) NOT NULL,
  family_reading   VARCHAR(64) NOT NULL,
  given_reading    VARCHAR(64) NOT NULL,
  birth_date       DATE NULL,
  affiliation      VARCHAR(200) NOT NULL,
  contact_mail     VARCHAR(254) NOT NULL,
  reason           ENUM('code_not_received', 'send_failed', 'role_account',
                        'other', 'not_me') NOT NULL,
  message          TEXT NOT NULL,
  priority         TINYINT(1) NOT NULL DEFAULT 0,
  status           ENUM('new', 'in_progress', 'waiting', 'closed')
                   NOT NULL DEFAULT 'new',
  operator_id      INT UNSIGNED NULL,  -- who took it
  client_address   VARCHAR(45) CHARACTER SET ascii NOT NULL,
  created_at       DATETIME NOT NULL,
  updated_at       DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY operator_requests_by_receipt (receipt_number),
  KEY operator_requests_queue (status, priority, created_at),
  CONSTRAINT operator_requests_operator FOREIGN KEY (operator_id) REFERENCES operators (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every event, for the secretariat and for incident review. Never holds an
-- access code or a password.
CREATE TABLE audit_log (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  occurred_at      DATETIME NOT NULL,
  event            VARCHAR(40) CHARACTER SET ascii NOT NULL,
  umin_id          VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
  operator_name    VARCHAR(64) NULL,
  request_ref      BIGINT UNSIGNED NULL,   -- operator_requests.id
  client_address   VARCHAR(45) CHARACTER SET ascii NOT NULL DEFAULT '',
  request_id       VARCHAR(64) CHARACTER SET ascii NOT NULL DEFAULT '',
  detail           VARCHAR(500) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  KEY audit_by_time (occurred_at),
  KEY audit_by_account (umin_id, occurred_at),
  KEY audit_by_event (event, occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Mail waiting for the mail-sender, written in the same transaction as the
-- state it reports. A secret (an access code) is kept apart, AES-GCM sealed,
-- and wiped once the mail is sent or can no longer be useful.
CREATE TABLE mail_outbox (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  kind             VARCHAR(40) CHARACTER SET ascii NOT NULL,
  recipient        VARCHAR(254) NOT NULL,
  subject          VARCHAR(200) NOT NULL,
  body             TEXT NOT NULL,          -- may hold the secret's placeholder
  sealed_secret    VARBINARY(128) NULL,
  not_after        DATETIME NULL,          -- never deliver past this time
  status           ENUM('pending', 'sent', 'failed', 'expired')
                   NOT NULL DEFAULT 'pending',
  attempts         INT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME NOT NULL,
  last_error       VARCHAR(255) NOT NULL DEFAULT '',
  message_id       VARCHAR(255) NULL,
  created_at       DATETIME NOT NULL,
  sent_at          DATETIME NULL,
  PRIMARY KEY (id),
  KEY mail_outbox_due (status, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per rate-limited event; limits count rows in a window, so they
-- hold across processes and hosts.
CREATE TABLE rate_limit_events (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  scope            VARCHAR(32) CHARACTER SET ascii NOT NULL,
  subject          VARCHAR(128) NOT NULL,  -- a UMIN ID or a client address
  occurred_at      DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY rate_limit_window (scope, subject, occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
