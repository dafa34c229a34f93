-- "Not me" links: the one-time link in every access-code and completion
-- mail by which the owner of the addresses says they did not ask for it.
-- Only the token's SHA-256 is stored; using a link voids the account's
-- pending access codes and opens a priority operator request.
CREATE TABLE not_me_links (
  id                  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  token_hash          CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  umin_id             VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at          DATETIME NOT NULL,
  expires_at          DATETIME NOT NULL,
  used_at             DATETIME NULL,
  operator_request_id BIGINT UNSIGNED NULL,  -- the request its use opened
  PRIMARY KEY (id),
  UNIQUE KEY not_me_links_by_token (token_hash),
  KEY not_me_links_by_account (umin_id),
  CONSTRAINT not_me_links_account FOREIGN KEY (umin_id) REFERENCES accounts (umin_id),
  CONSTRAINT not_me_links_request FOREIGN KEY (operator_request_id)
    REFERENCES operator_requests (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
