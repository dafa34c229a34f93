// Password propagation against the real MariaDB of the running stack
// (PASSWD_CONFIG names its configuration): a change is a password_changes
// row plus one delivery row per target; delivery writes the target and
// keeps the hash; a failed target is retried after its backoff; a newer
// change supersedes an undelivered older one; a target that is no longer
// configured or belongs to another host is left alone; an operator's
// "retry now" makes a row due and is audited.
//
// The stack's own sync_worker drains the same table. To keep it off these
// tests' rows, they live in the future: they are queued with the clock
// 30 days ahead and delivered with it 31 days ahead, and while a test
// delivers, every other due row is leased to a shield owner past that
// clock, so a test's pass sees no one else's rows. Each test's targets
// are named after its own temporary folder, which also holds their files.
#include "flow/password_sync.h"
#include "flow/sync_targets.h"

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
    "SELECT umin_id, credential, status, attempts, last_error, done_at, "
    "next_try_at, last_try_at, change_id, id FROM password_sync_queue "
    "WHERE target = ? ORDER BY id";
const char kSelectAudit[] =
    "SELECT event, umin_id, detail, request_id, operator_name FROM audit_log "
    "WHERE event IN ('password_synced', 'password_sync_failed', "
    "'delivery_retry_requested') AND detail LIKE ? ORDER BY id";
const char kSelectChange[] =
    "SELECT umin_id FROM password_changes WHERE id = ?";
const char kDeleteTestRows[] =
    "DELETE FROM password_sync_queue WHERE target LIKE ?";
const char kDeleteTestAudit[] =
    "DELETE FROM audit_log WHERE event IN ('password_synced', "
    "'password_sync_failed', 'delivery_retry_requested') AND detail LIKE ?";
const char kSelectIds[] =
    "SELECT id FROM password_sync_queue WHERE target = ? ORDER BY id";
// The shield: every other due row nobody holds, leased to the test until
// after its shifted clock, and given back after the pass.
const char kShieldOthers[] =
    "UPDATE password_sync_queue SET lease_owner = ?, lease_until = ? "
    "WHERE status IN ('pending', 'failed') AND target NOT LIKE ? AND "
    "(lease_until IS NULL OR lease_until < UTC_TIMESTAMP())";
const char kReleaseShield[] =
    "UPDATE password_sync_queue SET lease_owner = NULL, lease_until = NULL "
    "WHERE lease_owner = ?";
const char kLeaseRow[] =
    "UPDATE password_sync_queue SET lease_owner = ?, lease_until = ? "
    "WHERE id = ?";
const char kSelectLease[] =
    "SELECT lease_owner, lease_until FROM password_sync_queue WHERE id = ?";
const char kShieldOwner[] = "password-sync-test-shield:0";

enum Column {
  kRowUminId,
  kCredential,
  kStatus,
  kAttempts,
  kLastError,
  kDoneAt,
  kNextTryAt,
  kLastTryAt,
  kChangeId,
  kId
};
enum AuditColumn { kEvent, kAuditUminId, kDetail, kRequestId, kOperator };

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
  Status s = Sha512CryptHash(password, salt, 100000, &hash);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  return hash;
}

// True when crypt(3) accepts `password` for `hash`.
bool CryptVerifies(const std::string& password, const std::string& hash) {
  auto data = std::make_unique<crypt_data>();
  const char* result = crypt_r(password.c_str(), hash.c_str(), data.get());
  return result != nullptr && hash == result;
}

// The shifted Env that also keeps its log lines.
class WorkerEnv : public ShiftedEnv {
 public:
  using ShiftedEnv::ShiftedEnv;
  void Log(const std::string& line) override { lines.push_back(line); }
  std::vector<std::string> lines;
};

// Each test gets a temporary folder for its targets' files; its targets are
// named after it, and their rows and audit events go at the end.
struct SyncFixture {
  SyncFixture() : env(TestConfig()) {
    const char* tmp = std::getenv("TMPDIR");
    folder = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") +
             "/sync-dbtest.XXXXXX";
    BOOST_REQUIRE(mkdtemp(&folder[0]) != nullptr);
    prefix = folder.substr(folder.rfind('/') + 1);
    pattern = prefix + "%";
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

  // A target named "<prefix>-<suffix>".
  SyncTargetConfig Htpasswd(const std::string& suffix,
                            const std::string& host = HostName(Config())) {
    SyncTargetConfig t;
    t.name = prefix + "-" + suffix;
    t.kind = TargetKind::kHtpasswd;
    t.path = folder + "/" + suffix;
    t.host = host;
    return t;
  }

  // An Env whose targets are `targets`.
  std::unique_ptr<WorkerEnv> EnvWith(
      const std::vector<SyncTargetConfig>& targets) {
    Config config = env.config();
    config.sync_targets = targets;
    return std::make_unique<WorkerEnv>(config);
  }

  void Enqueue(WorkerEnv* with, const std::string& hash) {
    with->set_shift(kEnqueueShift);
    SyncCredentials credentials;
    credentials.sha512_crypt = hash;
    Status s = with->db()->Transaction([&](SqlSession* session) {
      return EnqueuePasswordSync(with, session, kUminId, credentials);
    });
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  }

  // Runs one delivery pass as the test's clock sees it (31 days and
  // `later` ahead), with every due row but this test's locked away.
  SyncReport Deliver(WorkerEnv* with,
                     std::chrono::seconds later = std::chrono::seconds(0)) {
    with->set_shift(kDeliverShift + later);
    Status s = env.db()->Transaction([&](SqlSession* session) {
      return session->Execute(
          kShieldOthers,
          {kShieldOwner,
           SqlTime(std::chrono::system_clock::now() + kDeliverShift + later +
                   std::chrono::hours(1)),
           pattern});
    });
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
    SyncReport report;
    Status delivered = DeliverPasswordSync(with, DeliverToTarget, &report);
    s = env.db()->Transaction([&](SqlSession* session) {
      return session->Execute(kReleaseShield, {kShieldOwner});
    });
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
    BOOST_REQUIRE_MESSAGE(delivered.ok(), delivered.ToString());
    return report;
  }

  // Leases row `id` to `owner` until `until` (real time), as a worker
  // holding it would have.
  void LeaseRow(const std::string& id, const std::string& owner,
                std::chrono::system_clock::time_point until) {
    Status s = env.db()->Transaction([&](SqlSession* session) {
      return session->Execute(kLeaseRow, {owner, SqlTime(until), id});
    });
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  }

  std::vector<SqlRow> Query(const char* statement, const std::string& param) {
    std::vector<SqlRow> rows;
    Status s = env.db()->Transaction([&](SqlSession* session) {
      return session->Query(statement, {param}, &rows);
    });
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
    return rows;
  }
  std::vector<SqlRow> Rows(const SyncTargetConfig& target) {
    return Query(kSelectRows, target.name);
  }
  std::vector<SqlRow> AuditRows() { return Query(kSelectAudit, pattern); }

  ShiftedEnv env;
  std::string folder;
  std::string prefix;   // of this test's target names
  std::string pattern;  // LIKE pattern of this test's targets
};

BOOST_FIXTURE_TEST_SUITE(password_sync, SyncFixture)

BOOST_AUTO_TEST_CASE(delivers_the_hash_and_keeps_it) {
  const SyncTargetConfig target = Htpasswd("htpasswd");
  auto worker = EnvWith({target});
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
  // The change has a row of its own.
  std::vector<SqlRow> change = Query(kSelectChange, rows[0].Text(kChangeId));
  BOOST_REQUIRE_EQUAL(change.size(), 1u);
  BOOST_TEST(change[0].Text(0) == kUminId);

  SyncReport report = Deliver(worker.get());
  BOOST_TEST(report.delivered == 1);
  BOOST_TEST(report.failed == 0);

  BOOST_TEST(ReadFile(target.path) == std::string(kUminId) + ":" + hash + "\n");
  BOOST_TEST(CryptVerifies(password, hash));
  BOOST_TEST(hash.rfind("$6$rounds=100000$", 0) == 0u);
  struct stat st;
  BOOST_REQUIRE(stat(target.path.c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 07777) == 0640u);

  rows = Rows(target);
  BOOST_REQUIRE_EQUAL(rows.size(), 1u);
  BOOST_TEST(rows[0].Text(kStatus) == "delivered");
  // Kept: a lost file can be rebuilt from the delivered rows.
  BOOST_TEST(rows[0].Text(kCredential) == hash);
  BOOST_TEST(!rows[0].IsNull(kDoneAt));
  BOOST_TEST(!rows[0].IsNull(kLastTryAt));
  BOOST_TEST(rows[0].IsNull(kNextTryAt));
  BOOST_TEST(rows[0].Int(kAttempts) == 1);
  BOOST_TEST(rows[0].Text(kLastError) == "");

  std::vector<SqlRow> audit = AuditRows();
  BOOST_REQUIRE_EQUAL(audit.size(), 1u);
  BOOST_TEST(audit[0].Text(kEvent) == "password_synced");
  BOOST_TEST(audit[0].Text(kAuditUminId) == kUminId);
  BOOST_TEST(audit[0].Text(kDetail) == target.name);
  BOOST_TEST(audit[0].Text(kRequestId) == "sync_worker");

  // Delivered once: another pass finds nothing to do.
  report = Deliver(worker.get(), std::chrono::hours(2));
  BOOST_TEST(report.delivered == 0);
  BOOST_TEST(report.failed == 0);
}

BOOST_AUTO_TEST_CASE(one_row_per_target_and_only_the_newest_password) {
  const SyncTargetConfig first = Htpasswd("one"), second = Htpasswd("two");
  auto worker = EnvWith({first, second});
  const std::string old_hash = HashOf("Old-Pass9word");
  const std::string new_hash = HashOf("New-Pass9word");
  Enqueue(worker.get(), old_hash);
  Enqueue(worker.get(), new_hash);

  for (const SyncTargetConfig& target : {first, second}) {
    std::vector<SqlRow> rows = Rows(target);
    BOOST_REQUIRE_EQUAL(rows.size(), 2u);
    BOOST_TEST(rows[0].Text(kStatus) == "superseded");
    BOOST_TEST(rows[0].IsNull(kCredential));
    BOOST_TEST(rows[0].Text(kLastError) ==
               "superseded by change " + rows[1].Text(kChangeId));
    BOOST_TEST(rows[1].Text(kStatus) == "pending");
    BOOST_TEST(rows[1].Text(kCredential) == new_hash);
  }

  SyncReport report = Deliver(worker.get());
  BOOST_TEST(report.delivered == 2);
  BOOST_TEST(report.failed == 0);
  BOOST_TEST(ReadFile(first.path) ==
             std::string(kUminId) + ":" + new_hash + "\n");
  BOOST_TEST(ReadFile(second.path) ==
             std::string(kUminId) + ":" + new_hash + "\n");
  // A superseded row is never tried again.
  BOOST_TEST(Rows(first)[0].Int(kAttempts) == 0);
}

BOOST_AUTO_TEST_CASE(a_row_another_worker_holds_waits_and_an_expired_claim_is_taken) {
  const SyncTargetConfig target = Htpasswd("leased");
  auto worker = EnvWith({target});
  const std::string hash = HashOf("Lease-Pass9word");
  Enqueue(worker.get(), hash);
  const std::string id = Rows(target).at(0).Text(kId);
  const auto shifted_now = std::chrono::system_clock::now() + kDeliverShift;
  // Another worker's claim, still running: left alone.
  LeaseRow(id, "other-host:1", shifted_now + std::chrono::minutes(5));
  SyncReport report = Deliver(worker.get());
  BOOST_TEST(report.delivered == 0);
  BOOST_TEST(Rows(target).at(0).Text(kStatus) == "pending");
  BOOST_TEST(ReadFile(target.path) == "");
  // That worker died: once its claim ran out, the row is taken again and
  // the result ends the claim.
  LeaseRow(id, "other-host:1", shifted_now - std::chrono::minutes(1));
  report = Deliver(worker.get());
  BOOST_TEST(report.delivered == 1);
  BOOST_TEST(ReadFile(target.path) == std::string(kUminId) + ":" + hash + "\n");
  std::vector<SqlRow> lease_rows = Query(kSelectLease, id);
  BOOST_TEST(lease_rows.at(0).IsNull(0));
  BOOST_TEST(lease_rows.at(0).IsNull(1));
}

BOOST_AUTO_TEST_CASE(a_newer_row_waits_while_an_older_one_is_in_hand) {
  const SyncTargetConfig target = Htpasswd("ordered");
  auto worker = EnvWith({target});
  const std::string old_hash = HashOf("Old-Pass9word");
  const std::string new_hash = HashOf("New-Pass9word");
  Enqueue(worker.get(), old_hash);
  const std::string old_id = Rows(target).at(0).Text(kId);
  // A worker on another host holds the old row (it is writing the old
  // password right now) when the new change supersedes it.
  LeaseRow(old_id, "other-host:1",
           std::chrono::system_clock::now() + kDeliverShift +
               std::chrono::minutes(5));
  Enqueue(worker.get(), new_hash);
  // The new password must not land before the old one: it waits.
  SyncReport report = Deliver(worker.get());
  BOOST_TEST(report.delivered == 0);
  BOOST_TEST(Rows(target).at(1).Text(kStatus) == "pending");
  // Once the old row is out of hand, the new one goes.
  Status s = env.db()->Transaction([&](SqlSession* session) {
    return session->Execute(kReleaseShield, {std::string("other-host:1")});
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  report = Deliver(worker.get());
  BOOST_TEST(report.delivered == 1);
  BOOST_TEST(ReadFile(target.path) ==
             std::string(kUminId) + ":" + new_hash + "\n");
}

BOOST_AUTO_TEST_CASE(a_failed_target_is_retried_after_its_backoff) {
  const std::string missing = folder + "/missing";
  SyncTargetConfig target = Htpasswd("failing");
  target.path = missing + "/htpasswd";
  auto worker = EnvWith({target});
  const std::string hash = HashOf("Retry-Pass9word");
  Enqueue(worker.get(), hash);

  SyncReport report = Deliver(worker.get());
  BOOST_TEST(report.delivered == 0);
  BOOST_TEST(report.failed == 1);
  std::vector<SqlRow> rows = Rows(target);
  BOOST_REQUIRE_EQUAL(rows.size(), 1u);
  BOOST_TEST(rows[0].Text(kStatus) == "failed");
  BOOST_TEST(rows[0].Int(kAttempts) == 1);
  BOOST_TEST(rows[0].Text(kCredential) == hash);
  const std::string error = rows[0].Text(kLastError);
  BOOST_TEST(!error.empty());
  BOOST_TEST(error.find(hash) == std::string::npos);
  const std::string first_try = rows[0].Text(kLastTryAt);
  const std::string next_try = rows[0].Text(kNextTryAt);
  BOOST_TEST(!first_try.empty());
  BOOST_TEST(next_try > first_try);
  BOOST_REQUIRE_EQUAL(worker->lines.size(), 1u);
  BOOST_TEST(worker->lines[0].find("event=password_sync_failed") !=
             std::string::npos);
  BOOST_TEST(worker->lines[0].find(hash) == std::string::npos);

  std::vector<SqlRow> audit = AuditRows();
  BOOST_REQUIRE_EQUAL(audit.size(), 1u);
  BOOST_TEST(audit[0].Text(kEvent) == "password_sync_failed");
  BOOST_TEST(audit[0].Text(kAuditUminId) == kUminId);
  BOOST_TEST(audit[0].Text(kDetail).rfind(target.name + ": ", 0) == 0,
             audit[0].Text(kDetail));
  BOOST_TEST(audit[0].Text(kDetail).find(hash) == std::string::npos);

  // Not before its next try (a minute later).
  BOOST_TEST(Deliver(worker.get(), std::chrono::seconds(30)).failed == 0);
  BOOST_TEST(Rows(target)[0].Int(kAttempts) == 1);
  // Then tried again; the wait doubles.
  BOOST_TEST(Deliver(worker.get(), std::chrono::seconds(61)).failed == 1);
  rows = Rows(target);
  BOOST_TEST(rows[0].Int(kAttempts) == 2);
  BOOST_TEST(rows[0].Text(kNextTryAt) > next_try);
  BOOST_TEST(Deliver(worker.get(), std::chrono::seconds(61 + 119)).failed == 0);
  // Delivered once the folder is there.
  BOOST_REQUIRE(mkdir(missing.c_str(), 0700) == 0);
  report = Deliver(worker.get(), std::chrono::seconds(61 + 121));
  BOOST_TEST(report.delivered == 1);
  BOOST_TEST(report.failed == 0);
  rows = Rows(target);
  BOOST_TEST(rows[0].Text(kStatus) == "delivered");
  BOOST_TEST(rows[0].Int(kAttempts) == 3);
  BOOST_TEST(rows[0].Text(kLastError) == "");
  BOOST_TEST(ReadFile(target.path) == std::string(kUminId) + ":" + hash + "\n");
  audit = AuditRows();
  BOOST_REQUIRE_EQUAL(audit.size(), 3u);
  BOOST_TEST(audit[2].Text(kEvent) == "password_synced");
}

BOOST_AUTO_TEST_CASE(a_newer_change_supersedes_a_failed_one) {
  SyncTargetConfig target = Htpasswd("later");
  target.path = folder + "/not-yet/htpasswd";
  auto worker = EnvWith({target});
  Enqueue(worker.get(), HashOf("First-Pass9word"));
  BOOST_TEST(Deliver(worker.get()).failed == 1);
  const std::string newest = HashOf("Second-Pass9word");
  Enqueue(worker.get(), newest);
  std::vector<SqlRow> rows = Rows(target);
  BOOST_REQUIRE_EQUAL(rows.size(), 2u);
  BOOST_TEST(rows[0].Text(kStatus) == "superseded");
  BOOST_TEST(rows[0].IsNull(kNextTryAt));
  BOOST_TEST(rows[1].Text(kStatus) == "pending");
  BOOST_REQUIRE(mkdir((folder + "/not-yet").c_str(), 0700) == 0);
  SyncReport report = Deliver(worker.get(), std::chrono::hours(1));
  BOOST_TEST(report.delivered == 1);
  BOOST_TEST(ReadFile(target.path) ==
             std::string(kUminId) + ":" + newest + "\n");
}

BOOST_AUTO_TEST_CASE(targets_not_configured_or_of_another_host_are_left_alone) {
  const SyncTargetConfig gone = Htpasswd("gone");
  const SyncTargetConfig elsewhere = Htpasswd("elsewhere", "another-host");
  auto enqueuer = EnvWith({gone, elsewhere});
  Enqueue(enqueuer.get(), HashOf("Gone-Pass9word"));
  auto worker = EnvWith({elsewhere});

  SyncReport report = Deliver(worker.get());
  BOOST_TEST(report.delivered == 0);
  BOOST_TEST(report.failed == 0);
  for (const SyncTargetConfig& target : {gone, elsewhere}) {
    std::vector<SqlRow> rows = Rows(target);
    BOOST_REQUIRE_EQUAL(rows.size(), 1u);
    BOOST_TEST(rows[0].Text(kStatus) == "pending");
    BOOST_TEST(rows[0].Int(kAttempts) == 0);
    BOOST_TEST(!rows[0].IsNull(kCredential));
  }
  BOOST_TEST(AuditRows().empty());
  // The waiting rows of the unconfigured target are reported.
  BOOST_REQUIRE_EQUAL(worker->lines.size(), 1u);
  BOOST_TEST(
      worker->lines[0].find("event=password_sync_unconfigured_target target=" +
                            gone.name) != std::string::npos,
      worker->lines[0]);
  BOOST_TEST(worker->lines[0].find("1 rows wait") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_command_target_fails_then_delivers_logging_its_output) {
  // Exits 1 until the file "ok" exists beside it; prints the hash it got.
  SyncTargetConfig target;
  target.name = prefix + "-hook";
  target.kind = TargetKind::kCommand;
  target.path = folder + "/hook";
  std::ofstream(target.path)
      << "#!/bin/sh\nread hash\necho \"account $1 hash $hash\"\n"
         "[ -f \"$(dirname \"$0\")/ok\" ] || { echo not yet >&2; exit 1; }\n"
         "echo \"$1:$hash\" > \"$(dirname \"$0\")/stored\"\n";
  BOOST_REQUIRE(chmod(target.path.c_str(), 0700) == 0);
  auto worker = EnvWith({target});
  const std::string hash = HashOf("Hook-Pass9word");
  Enqueue(worker.get(), hash);

  BOOST_TEST(Deliver(worker.get()).failed == 1);
  std::vector<SqlRow> rows = Rows(target);
  BOOST_TEST(rows[0].Text(kStatus) == "failed");
  BOOST_TEST(rows[0].Text(kLastError) ==
             "Unavailable: command " + target.name + ": exit status 1");
  std::ofstream(folder + "/ok") << "";
  BOOST_TEST(Deliver(worker.get(), std::chrono::seconds(61)).delivered == 1);
  BOOST_TEST(Rows(target)[0].Text(kStatus) == "delivered");
  BOOST_TEST(ReadFile(folder + "/stored") ==
             std::string(kUminId) + ":" + hash + "\n");
  // Its output is logged, the hash never.
  std::string all;
  for (const std::string& line : worker->lines) all += line + "\n";
  BOOST_TEST(all.find("event=sync_command_output") != std::string::npos, all);
  BOOST_TEST(
      all.find("account umin102-nomail hash [hash]") != std::string::npos, all);
  BOOST_TEST(all.find("not yet") != std::string::npos, all);
  BOOST_TEST(all.find(hash) == std::string::npos);
  BOOST_TEST(all.find(hash.substr(hash.rfind('$'))) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(retry_now_makes_a_failed_row_due_and_is_audited) {
  SyncTargetConfig target = Htpasswd("retry");
  target.path = folder + "/absent/htpasswd";
  auto worker = EnvWith({target});
  Enqueue(worker.get(), HashOf("Retry-Now9word"));
  BOOST_TEST(Deliver(worker.get()).failed == 1);
  const int64_t id = Query(kSelectIds, target.name)[0].Int(0);

  // The operator's retry, at the worker's clock: due at once.
  RetryOutcome outcome = RetryOutcome::kNotFound;
  std::string umin_id;
  Status s = worker->db()->Transaction([&](SqlSession* session) {
    return RetryDeliveryNow(worker.get(), session, {"192.0.2.1", "req-1"},
                            "demo-op", id, &outcome, &umin_id);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST((outcome == RetryOutcome::kScheduled));
  BOOST_TEST(umin_id == kUminId);
  std::vector<SqlRow> audit = AuditRows();
  BOOST_REQUIRE_EQUAL(audit.size(), 2u);
  BOOST_TEST(audit[1].Text(kEvent) == "delivery_retry_requested");
  BOOST_TEST(audit[1].Text(kOperator) == "demo-op");
  BOOST_TEST(audit[1].Text(kAuditUminId) == kUminId);
  BOOST_TEST(audit[1].Text(kDetail) ==
             target.name + ": row " + std::to_string(id));
  BOOST_REQUIRE(mkdir((folder + "/absent").c_str(), 0700) == 0);
  // Due now, although its backoff has a minute to go.
  BOOST_TEST(Deliver(worker.get()).delivered == 1);

  s = worker->db()->Transaction([&](SqlSession* session) {
    return RetryDeliveryNow(worker.get(), session, {"192.0.2.1", "req-2"},
                            "demo-op", id, &outcome, &umin_id);
  });
  BOOST_REQUIRE(s.ok());
  BOOST_TEST((outcome == RetryOutcome::kFinished));
  s = worker->db()->Transaction([&](SqlSession* session) {
    return RetryDeliveryNow(worker.get(), session, {"192.0.2.1", "req-3"},
                            "demo-op", int64_t{1} << 60, &outcome, &umin_id);
  });
  BOOST_REQUIRE(s.ok());
  BOOST_TEST((outcome == RetryOutcome::kNotFound));
}

BOOST_AUTO_TEST_CASE(refuses_a_change_without_a_hash) {
  const SyncTargetConfig target = Htpasswd("htpasswd");
  auto worker = EnvWith({target});
  SyncCredentials credentials;  // no sha512_crypt
  Status s = worker->db()->Transaction([&](SqlSession* session) {
    return EnqueuePasswordSync(worker.get(), session, kUminId, credentials);
  });
  BOOST_TEST((s.code() == Status::Code::kInvalidInput), s.ToString());
  BOOST_TEST(Rows(target).empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
