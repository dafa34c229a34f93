// Password propagation against the real MariaDB of the running stack
// (PASSWD_CONFIG names its configuration): a change queues one row per
// target, delivery writes the htpasswd file and clears the credential, a
// failed target stays pending, is retried and audited.
//
// The stack's own sync_worker drains the same table. To keep it off these
// tests' rows, they live in the future: they are queued with the clock
// 30 days ahead and delivered with it 31 days ahead, and while a test
// delivers, every other pending row is locked from a second connection, so
// a test's pass (SKIP LOCKED) touches no one else's rows. Every target of a
// test is a file in its own temporary folder, which also names its rows.
#include "flow/password_sync.h"

#include <crypt.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "base/crypto.h"
#include "db_fixture.h"
#include "domain/password_hash.h"

namespace passwd {
namespace {

// A demo account of sql/demo.
const char kUminId[] = "umin102-nomail";

const char kSelectRows[] =
    "SELECT umin_id, credential, status, attempts, last_error, done_at "
    "FROM password_sync_queue WHERE target = ? ORDER BY id";
const char kSelectAudit[] =
    "SELECT event, umin_id, detail, request_id FROM audit_log "
    "WHERE event IN ('password_synced', 'password_sync_failed') "
    "AND detail LIKE ? ORDER BY id";
const char kDeleteTestRows[] =
    "DELETE FROM password_sync_queue WHERE target LIKE ?";
const char kDeleteTestAudit[] =
    "DELETE FROM audit_log WHERE event IN ('password_synced', "
    "'password_sync_failed') AND detail LIKE ?";
// Scans the primary key: through the (status, id) index InnoDB would keep
// the index lock of this test's own rows too, though they do not match.
const char kLockOtherRows[] =
    "SELECT id FROM password_sync_queue IGNORE INDEX (password_sync_due) "
    "WHERE status = 'pending' AND target NOT LIKE ? FOR UPDATE SKIP LOCKED";

enum Column {
  kRowUminId,
  kCredential,
  kStatus,
  kAttempts,
  kLastError,
  kDoneAt
};
enum AuditColumn { kEvent, kAuditUminId, kDetail, kRequestId };

constexpr std::chrono::hours kEnqueueShift{30 * 24};
constexpr std::chrono::hours kDeliverShift{31 * 24};

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// A SHA-512-crypt hash of `password` with a fresh salt.
std::string HashOf(const std::string& password) {
  std::string salt;
  BOOST_REQUIRE(RandomBytes(16, &salt).ok());
  std::string hash;
  Status s = HtpasswdHash(password, salt, &hash);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  return hash;
}

// True when crypt(3) accepts `password` for `hash`.
bool CryptVerifies(const std::string& password, const std::string& hash) {
  auto data = std::make_unique<crypt_data>();
  const char* result = crypt_r(password.c_str(), hash.c_str(), data.get());
  return result != nullptr && hash == result;
}

// Each test gets a temporary folder for its targets; its rows and audit
// events (named by that folder) and the folder go at the end.
struct SyncFixture {
  SyncFixture() : env(TestConfig()) {
    const char* tmp = std::getenv("TMPDIR");
    folder = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") +
             "/password-sync-dbtest.XXXXXX";
    BOOST_REQUIRE(mkdtemp(&folder[0]) != nullptr);
    pattern = "%" + folder + "/%";
  }
  ~SyncFixture() {
    Status s = env.db()->Transaction([&](SqlSession* session) {
      Status d = session->Execute(kDeleteTestRows, {pattern});
      if (!d.ok()) return d;
      return session->Execute(kDeleteTestAudit, {pattern});
    });
    BOOST_CHECK_MESSAGE(s.ok(), s.ToString());
    const std::string command = "rm -rf '" + folder + "'";
    if (std::system(command.c_str()) != 0) {
      BOOST_TEST_MESSAGE("cannot remove " << folder);
    }
  }

  // An Env whose sync_targets is `targets`.
  std::unique_ptr<ShiftedEnv> EnvWith(const std::string& targets) {
    Config config = env.config();
    config.sync_targets = targets;
    return std::make_unique<ShiftedEnv>(config);
  }

  void Enqueue(ShiftedEnv* with, const std::string& hash) {
    with->set_shift(kEnqueueShift);
    SyncCredentials credentials;
    credentials.sha512_crypt = hash;
    Status s = with->db()->Transaction([&](SqlSession* session) {
      return EnqueuePasswordSync(with, session, kUminId, credentials);
    });
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  }

  // Runs one delivery pass as the test's clock sees it, with every pending
  // row but this test's locked away.
  SyncReport Deliver(ShiftedEnv* with) {
    with->set_shift(kDeliverShift);
    Database shield(with->config());
    SyncReport report;
    Status delivered;
    Status s = shield.Transaction([&](SqlSession* session) {
      std::vector<SqlRow> locked;
      Status q = session->Query(kLockOtherRows, {pattern}, &locked);
      if (!q.ok()) return q;
      delivered = DeliverPasswordSync(with, &report);
      return Status::Ok();
    });
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
    BOOST_REQUIRE_MESSAGE(delivered.ok(), delivered.ToString());
    return report;
  }

  std::vector<SqlRow> Rows(const std::string& target) {
    std::vector<SqlRow> rows;
    Status s = env.db()->Transaction([&](SqlSession* session) {
      return session->Query(kSelectRows, {target}, &rows);
    });
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
    return rows;
  }

  std::vector<SqlRow> AuditRows() {
    std::vector<SqlRow> rows;
    Status s = env.db()->Transaction([&](SqlSession* session) {
      return session->Query(kSelectAudit, {pattern}, &rows);
    });
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
    return rows;
  }

  ShiftedEnv env;
  std::string folder;
  std::string pattern;  // LIKE pattern of this test's targets
};

BOOST_FIXTURE_TEST_SUITE(password_sync, SyncFixture)

BOOST_AUTO_TEST_CASE(delivers_the_hash_to_the_htpasswd_file) {
  const std::string path = folder + "/htpasswd";
  const std::string target = "htpasswd:" + path;
  auto worker = EnvWith(target);
  const std::string password = "Kx7mPq2v-sync";
  const std::string hash = HashOf(password);
  Enqueue(worker.get(), hash);

  std::vector<SqlRow> rows = Rows(target);
  BOOST_REQUIRE_EQUAL(rows.size(), 1u);
  BOOST_TEST(rows[0].Text(kRowUminId) == kUminId);
  BOOST_TEST(rows[0].Text(kStatus) == "pending");
  BOOST_TEST(rows[0].Text(kCredential) == hash);
  BOOST_TEST(rows[0].Int(kAttempts) == 0);
  BOOST_TEST(rows[0].IsNull(kDoneAt));

  SyncReport report = Deliver(worker.get());
  BOOST_TEST(report.delivered == 1);
  BOOST_TEST(report.failed == 0);

  BOOST_TEST(ReadFile(path) == std::string(kUminId) + ":" + hash + "\n");
  BOOST_TEST(CryptVerifies(password, hash));
  BOOST_TEST(!CryptVerifies(password + "x", hash));
  struct stat st;
  BOOST_REQUIRE(stat(path.c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 07777) == 0640u);

  rows = Rows(target);
  BOOST_REQUIRE_EQUAL(rows.size(), 1u);
  BOOST_TEST(rows[0].Text(kStatus) == "delivered");
  BOOST_TEST(rows[0].IsNull(kCredential));
  BOOST_TEST(!rows[0].IsNull(kDoneAt));
  BOOST_TEST(rows[0].Int(kAttempts) == 1);
  BOOST_TEST(rows[0].Text(kLastError) == "");

  std::vector<SqlRow> audit = AuditRows();
  BOOST_REQUIRE_EQUAL(audit.size(), 1u);
  BOOST_TEST(audit[0].Text(kEvent) == "password_synced");
  BOOST_TEST(audit[0].Text(kAuditUminId) == kUminId);
  BOOST_TEST(audit[0].Text(kDetail) == target);
  BOOST_TEST(audit[0].Text(kRequestId) == "sync_worker");

  // Delivered once: another pass finds nothing to do.
  report = Deliver(worker.get());
  BOOST_TEST(report.delivered == 0);
  BOOST_TEST(report.failed == 0);
}

BOOST_AUTO_TEST_CASE(one_row_per_target_and_only_the_newest_password) {
  const std::string first = "htpasswd:" + folder + "/one";
  const std::string second = "htpasswd:" + folder + "/two";
  auto worker = EnvWith(first + ", " + second);
  const std::string old_hash = HashOf("Old-Pass9word");
  const std::string new_hash = HashOf("New-Pass9word");
  Enqueue(worker.get(), old_hash);
  Enqueue(worker.get(), new_hash);

  for (const std::string& target : {first, second}) {
    std::vector<SqlRow> rows = Rows(target);
    BOOST_REQUIRE_EQUAL(rows.size(), 2u);
    BOOST_TEST(rows[0].Text(kStatus) == "superseded");
    BOOST_TEST(rows[0].IsNull(kCredential));
    BOOST_TEST(rows[0].Text(kLastError) == "superseded");
    BOOST_TEST(rows[1].Text(kStatus) == "pending");
    BOOST_TEST(rows[1].Text(kCredential) == new_hash);
  }

  SyncReport report = Deliver(worker.get());
  BOOST_TEST(report.delivered == 2);
  BOOST_TEST(report.failed == 0);
  BOOST_TEST(ReadFile(folder + "/one") ==
             std::string(kUminId) + ":" + new_hash + "\n");
  BOOST_TEST(ReadFile(folder + "/two") ==
             std::string(kUminId) + ":" + new_hash + "\n");
}

BOOST_AUTO_TEST_CASE(a_failed_target_stays_pending_and_is_retried) {
  const std::string missing = folder + "/missing";
  const std::string path = missing + "/htpasswd";
  const std::string target = "htpasswd:" + path;
  auto worker = EnvWith(target);
  const std::string hash = HashOf("Retry-Pass9word");
  Enqueue(worker.get(), hash);

  SyncReport report = Deliver(worker.get());
  BOOST_TEST(report.delivered == 0);
  BOOST_TEST(report.failed == 1);
  std::vector<SqlRow> rows = Rows(target);
  BOOST_REQUIRE_EQUAL(rows.size(), 1u);
  BOOST_TEST(rows[0].Text(kStatus) == "pending");
  BOOST_TEST(rows[0].Int(kAttempts) == 1);
  BOOST_TEST(rows[0].Text(kCredential) == hash);
  const std::string error = rows[0].Text(kLastError);
  BOOST_TEST(!error.empty());
  BOOST_TEST(error.find(hash) == std::string::npos);
  BOOST_TEST(rows[0].IsNull(kDoneAt));

  std::vector<SqlRow> audit = AuditRows();
  BOOST_REQUIRE_EQUAL(audit.size(), 1u);
  BOOST_TEST(audit[0].Text(kEvent) == "password_sync_failed");
  BOOST_TEST(audit[0].Text(kAuditUminId) == kUminId);
  BOOST_TEST(audit[0].Text(kDetail).rfind(target + ": ", 0) == 0,
             audit[0].Text(kDetail));
  BOOST_TEST(audit[0].Text(kDetail).find(hash) == std::string::npos);

  // Retried on the next pass, and delivered once the folder is there.
  BOOST_TEST(Deliver(worker.get()).failed == 1);
  BOOST_TEST(Rows(target)[0].Int(kAttempts) == 2);
  BOOST_REQUIRE(mkdir(missing.c_str(), 0700) == 0);
  report = Deliver(worker.get());
  BOOST_TEST(report.delivered == 1);
  BOOST_TEST(report.failed == 0);
  rows = Rows(target);
  BOOST_TEST(rows[0].Text(kStatus) == "delivered");
  BOOST_TEST(rows[0].Int(kAttempts) == 3);
  BOOST_TEST(rows[0].IsNull(kCredential));
  BOOST_TEST(ReadFile(path) == std::string(kUminId) + ":" + hash + "\n");
  audit = AuditRows();
  BOOST_REQUIRE_EQUAL(audit.size(), 3u);
  BOOST_TEST(audit[2].Text(kEvent) == "password_synced");
}

BOOST_AUTO_TEST_CASE(a_target_no_longer_configured_stays_pending) {
  const std::string target = "htpasswd:" + folder + "/gone";
  auto enqueuer = EnvWith(target);
  Enqueue(enqueuer.get(), HashOf("Gone-Pass9word"));
  auto worker = EnvWith("htpasswd:" + folder + "/other");

  SyncReport report = Deliver(worker.get());
  BOOST_TEST(report.delivered == 0);
  BOOST_TEST(report.failed == 1);
  std::vector<SqlRow> rows = Rows(target);
  BOOST_REQUIRE_EQUAL(rows.size(), 1u);
  BOOST_TEST(rows[0].Text(kStatus) == "pending");
  BOOST_TEST(rows[0].Int(kAttempts) == 1);
  BOOST_TEST(rows[0].Text(kLastError) == "target not configured");
  std::vector<SqlRow> audit = AuditRows();
  BOOST_REQUIRE_EQUAL(audit.size(), 1u);
  BOOST_TEST(audit[0].Text(kEvent) == "password_sync_failed");
  BOOST_TEST(audit[0].Text(kDetail) == target + ": target not configured");
}

BOOST_AUTO_TEST_CASE(refuses_a_credential_unfit_for_the_target) {
  auto worker = EnvWith("htpasswd:" + folder + "/htpasswd");
  SyncCredentials credentials;  // no sha512_crypt
  Status s = worker->db()->Transaction([&](SqlSession* session) {
    return EnqueuePasswordSync(worker.get(), session, kUminId, credentials);
  });
  BOOST_TEST((s.code() == Status::Code::kInvalidInput), s.ToString());
  BOOST_TEST(Rows("htpasswd:" + folder + "/htpasswd").empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
