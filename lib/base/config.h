// The service's configuration: a `key = value` file whose path comes from the
// PASSWD_CONFIG environment variable, then any number of sections
// (`[target NAME]`, the propagation targets: base/sync_target_config.h) whose
// keys run to the next section. Every key is documented in
// etc/passwd.conf.example; an unknown key, in a section too, is an error, so
// a typo never silently falls back to a default.
#ifndef PASSWD_LIB_BASE_CONFIG_H_
#define PASSWD_LIB_BASE_CONFIG_H_

#include <string>
#include <vector>

#include "base/paths.h"
#include "base/status.h"
#include "base/sync_target_config.h"

namespace passwd {

// The keys the service uses, each derived from the configured secret
// `code_hmac_key` with HKDF-SHA256 under its own label (DeriveConfigKeys), so
// a key leaked or misused for one purpose says nothing about the others.
struct PurposeKeys {
  std::string access_code;  // HMAC of stored access codes
  std::string csrf;         // HMAC of CSRF tokens
  std::string receipt;      // HMAC of the operator request receipt cookie
  // HMAC of a rate limit's subject that must not be stored in clear (an
  // operator request's contact address).
  std::string rate_subject;
};

// Every setting of the service, each with its default.
struct Config {
  // Database (Connector/C++ host URL: tcp://host:port or unix:///path).
  // Several URLs, separated by commas, name the nodes of a Galera cluster:
  // a process connects to the first that answers, and after losing a node
  // goes on with the next one in the list (DbHostList).
  std::string db_host = "tcp://127.0.0.1:3306";
  // wsrep_sync_wait for every connection: 1 makes each transaction's reads
  // wait until the node has applied every write the cluster committed
  // before it (causal reads on Galera; nothing on a single server).
  long db_wsrep_sync_wait = 1;
  // The account of a process without an account of its own below (the
  // administration tools, the database tests).
  std::string db_user = "passwd_app";
  std::string db_password;
  std::string db_name = "passwd";
  // TLS to the database over TCP: with a CA file the connection must be
  // encrypted, and the server's certificate is checked against the CA and
  // the host name unless db_tls_verify_server is false. Empty: no TLS
  // (a unix socket, or a TCP link the site protects otherwise).
  std::string db_tls_ca;
  bool db_tls_verify_server = true;
  // The account `umin-passwdctl migrate` connects as (it needs DDL rights);
  // empty: db_user and db_password.
  std::string migrate_user;
  std::string migrate_password;
  // The folder `umin-passwdctl migrate` reads sql/[0-9]*.sql from; default:
  // DATADIR/umin-passwd/sql, where make install puts them.
  std::string sql_dir;
  // One least-privileged account per kind of process (sql/grants.sql.in):
  // the public pages, the operator console, the workers. An empty user means
  // db_user and db_password.
  std::string pages_db_user;
  std::string pages_db_password;
  std::string console_db_user;
  std::string console_db_password;
  std::string worker_db_user;
  std::string worker_db_password;

  // Pages.
  std::string templates_dir;  // default: configure's --with-templates-dir
  // The compiled catalogues ja.res, en.res and console_ja.res
  // (docs/i18n.md); default: templates_dir/i18n.
  std::string catalogue_dir;
  long max_body_bytes = 16384;
  // Worker threads per page process, each with its own database connection
  // (docs/performance.md); a page that never reads the database runs one per
  // CPU, this many at most (PageSpec::uses_database).
  long page_threads = 8;
  std::string top_url = kIndexPath;
  std::string inquiry_url =
      "https://center6.umin.ac.jp/cgi-open-bin/toiawase/input?service=touroku";
  std::string id_registration_url = "https://www.umin.ac.jp/id/";
  std::string cookie_secure = "auto";  // auto | always | never
  // Where users reach the service, for the links in mails.
  std::string public_base_url = "http://127.0.0.1:8080";

  // Secrets, hex-encoded 32 bytes each, decoded at load time.
  std::string code_hmac_key;
  std::string outbox_key;
  // Derived from code_hmac_key by ParseConfig; empty while it is empty.
  PurposeKeys keys;

  // Mail.
  std::string umin_mail_domain = "umin.ac.jp";
  std::string mail_from_address = "passwd-noreply@umin.ac.jp";
  std::string mail_from_name = "UMIN パスワード更新";  // Japanese mails
  std::string mail_from_name_en = "UMIN Password Renewal";  // English ones
  std::string smtp_url = "smtp://127.0.0.1:25";
  bool smtp_starttls = false;
  std::string smtp_username;
  std::string smtp_password;
  long smtp_timeout_seconds = 20;
  // The mail-sender: how often it looks for due mail, and how many
  // temporary failures a mail survives before it is marked failed.
  long mail_poll_seconds = 2;
  long mail_max_attempts = 30;

  // Rate limits of the access-code flow.
  long code_sends_per_account_hour = 5;
  long code_sends_per_address_hour = 30;
  long code_failures_per_account_day = 30;
  long operator_requests_per_address_hour = 5;
  // Operator request receipt mails to one contact address in a day.
  long operator_receipts_per_contact_day = 3;

  // The new password: the compiled word list, and the scrypt cost (N=2^ln).
  std::string dictionary_path;  // default: configure's build/dict/words.dict
  long scrypt_log2_n = 15;
  // Propagation: the downstream targets, one `[target NAME]` section each,
  // in the file's order; the sync-worker's interval; SHA-512-crypt's rounds
  // for the hash every target gets.
  std::vector<SyncTargetConfig> sync_targets;
  long sync_interval_seconds = 3600;
  long sync_crypt_rounds = 100000;

  // How often the housekeeper deletes rows past their retention.
  long housekeeping_interval_seconds = 3600;
  // Data retention, in days: reset flows after they began, sent, failed or
  // expired mail after it was queued, closed operator requests (they hold
  // names, birth dates and contact addresses) after their last change,
  // not-me and operator links after they expired, audit rows after they
  // were written.
  long reset_flow_retention_days = 30;
  long outbox_retention_days = 7;
  long closed_request_retention_days = 365;
  long expired_link_retention_days = 0;
  long audit_retention_days = 1826;

  // This app host's name: the owner of the rows its workers lease, and
  // the host an htpasswd target names. Empty: gethostname().
  std::string host_name;
  // How long a worker's claim on a mail or a delivery row lasts; a claim
  // of a worker that died expires after it and the row is taken again.
  // ConfigProblems wants it at least twice the longest timeout of SMTP and
  // the targets, so that a live worker never outlasts its claim.
  long worker_lease_seconds = 120;

  // Test only: a file holding a clock offset in seconds; empty disables it.
  std::string test_clock_offset_file;
};

// db_host's URLs in their order (one for a single server).
std::vector<std::string> DbHostList(const std::string& db_host);

// This app host's name: config.host_name, else gethostname().
std::string HostName(const Config& config);

// How this process signs the rows it leases: "<HostName>:<pid>".
std::string WorkerLeaseOwner(const Config& config);

// The kinds of process, each with its own database account.
enum class DbAccount { kDefault, kPages, kConsole, kWorkers };

// Puts the credentials of `account` into config->db_user and db_password,
// so that the Database opened from `config` logs in as that account; keeps
// them when the configuration names no user for it.
void UseDbAccount(DbAccount account, Config* config);

// Parses configuration text; `origin` names it in error messages.
Status ParseConfig(const std::string& text, const std::string& origin,
                   Config* config);

// Reads and parses the file at `path`.
Status LoadConfigFile(const std::string& path, Config* config);

// The configuration file's path: PASSWD_CONFIG, or configure's default
// (${sysconfdir}/umin-passwd/passwd.conf).
std::string ConfigPath();

// Loads the file named by PASSWD_CONFIG, or configure's default path.
Status LoadConfigFromEnvironment(Config* config);

// Sets `*keys` to the purposes' keys derived from `secret` (HKDF-SHA256, one
// info label per purpose); all empty when `secret` is.
Status DeriveConfigKeys(const std::string& secret, PurposeKeys* keys);

// Rewrites configuration text `text` into `*out` with a fresh random value
// (64 hex digits) for every secret key that is missing, empty or all zero,
// keeping every other line as it is; `*written` names the keys it filled.
Status FillMissingSecrets(const std::string& text, std::string* out,
                          std::vector<std::string>* written);

// FillMissingSecrets on the file at `path` (created when missing), replaced
// atomically with mode 0640 and, where allowed, its former owner and group.
Status InitConfigFile(const std::string& path,
                      std::vector<std::string>* written);

// The reasons `config` is unfit to run with (a missing, short or all-zero
// key), one line each naming its key; empty when it is fit. The one
// judgement of validity, shared by `umin-passwdctl check-config` and every
// page's and worker's start-up.
std::vector<std::string> ConfigProblems(const Config& config);

// Loads the file at `path` into `*config` and judges it: every problem, a
// line each (every unparsable line, then ConfigProblems), goes to
// `*problems`; OK only when there is none.
Status LoadCheckedConfig(const std::string& path, Config* config,
                         std::vector<std::string>* problems);

// LoadCheckedConfig on ConfigPath(), with the problems joined on one line
// in the status, for a process's start-up.
Status LoadCheckedConfigFromEnvironment(Config* config);

// The keys ParseConfig accepts, for the test that checks the example file.
std::vector<std::string> ConfigKeys();

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_CONFIG_H_
