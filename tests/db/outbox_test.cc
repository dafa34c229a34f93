// The outbox against the real MariaDB of the running stack (PASSWD_CONFIG
// names its configuration): the secret is stored sealed, never in clear;
// delivery sends, retries, fails and expires as the rules say.
//
// The stack's own mail_sender delivers the same table. To keep it off these
// tests' rows, they live in the future: they are enqueued with the clock an
// hour ahead and delivered with it two hours ahead, and while a test
// delivers, every other pending row is leased to a shield owner (as if
// another worker held it), so a test's pass neither sends nor delays
// anybody else's mail for longer than the pass.
#include "mail/mail_transport.h"
#include "mail/outbox.h"

#include <dirent.h>
#include <openssl/evp.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>
#include <thread>

#include "base/crypto.h"
#include "db_fixture.h"

namespace passwd {
namespace {

const char kDomain[] = "@outbox-test.example";
// No server listens there: a send fails at once, as with the SMTP server down.
const char kClosedPort[] = "smtp://127.0.0.1:1";

const char kSelectRow[] =
    "SELECT kind, recipient, subject, body, sealed_secret, not_after, status, "
    "attempts, next_attempt_at, last_error, message_id, created_at, sent_at, "
    "seal_ref FROM mail_outbox WHERE recipient = ?";
const char kDeleteTestRows[] =
    "DELETE FROM mail_outbox WHERE recipient LIKE '%@outbox-test.example'";
// The shield: every other pending mail nobody holds, leased to the test
// until after its shifted clock, and given back after the pass.
const char kShieldOthers[] =
    "UPDATE mail_outbox SET lease_owner = ?, lease_until = ? "
    "WHERE status = 'pending' AND recipient NOT LIKE '%@outbox-test.example' "
    "AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP())";
const char kLeaseRow[] =
    "UPDATE mail_outbox SET lease_owner = ?, lease_until = ? "
    "WHERE recipient = ?";
const char kReleaseLeases[] =
    "UPDATE mail_outbox SET lease_owner = NULL, lease_until = NULL "
    "WHERE lease_owner = ?";
const char kRowId[] = "SELECT id FROM mail_outbox WHERE recipient = ?";
const char kReadLease[] =
    "SELECT lease_owner, lease_until FROM mail_outbox WHERE recipient = ?";

enum Column {
  kKind,
  kRecipient,
  kSubject,
  kBody,
  kSealedSecret,
  kNotAfter,
  kStatus,
  kAttempts,
  kNextAttemptAt,
  kLastError,
  kMessageId,
  kCreatedAt,
  kSentAt,
  kSealRef,
};

constexpr std::chrono::hours kEnqueueShift{1};
constexpr std::chrono::hours kDeliverShift{2};

// A recipient no other test run uses.
std::string UniqueRecipient(const std::string& name) {
  std::string random;
  BOOST_REQUIRE(RandomBytes(6, &random).ok());
  return name + "-" + HexEncode(random) + kDomain;
}

// Ten random digits, like an access code.
std::string RandomCode() {
  std::string random;
  BOOST_REQUIRE(RandomBytes(10, &random).ok());
  std::string code;
  for (unsigned char c : random) code.push_back('0' + c % 10);
  return code;
}

void Enqueue(ShiftedEnv* env, const OutboxMail& mail) {
  env->set_shift(kEnqueueShift);
  Status s = env->db()->Transaction(
      [&](SqlSession* session) { return EnqueueMail(env, session, mail); });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
}

OutboxMail TestMail(const std::string& recipient, const std::string& secret) {
  OutboxMail mail;
  mail.kind = "test";
  mail.recipient = recipient;
  mail.subject = "【UMIN】アクセスコードのお知らせ";
  mail.body = std::string("アクセスコード: ") +
              (secret.empty() ? "なし" : kSecretPlaceholder) + "\n以上\n";
  mail.secret = secret;
  // A secret needs an expiry; a day is past every shift these tests use.
  if (!secret.empty()) {
    mail.not_after = std::chrono::system_clock::now() + std::chrono::hours(24);
  }
  return mail;
}

// Leases the rows of `recipients` to `owner` until `until` (real time).
void LeaseRows(Env* env, const std::vector<std::string>& recipients,
               const std::string& owner,
               std::chrono::system_clock::time_point until) {
  Status s = env->db()->Transaction([&](SqlSession* session) {
    Status q;
    for (size_t i = 0; q.ok() && i < recipients.size(); ++i) {
      q = session->Execute(kLeaseRow, {owner, SqlTime(until), recipients[i]});
    }
    return q;
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
}

// Keeps every other pending mail away from the test's workers while it
// lives: leased to a shield owner past the tests' shifted clock.
class Shield {
 public:
  explicit Shield(Env* env) : env_(env) {
    Status s = env_->db()->Transaction([&](SqlSession* session) {
      return session->Execute(
          kShieldOthers,
          {kOwner, SqlTime(std::chrono::system_clock::now() +
                           std::chrono::hours(3))});
    });
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  }
  ~Shield() {
    Status s = env_->db()->Transaction([&](SqlSession* session) {
      return session->Execute(kReleaseLeases, {kOwner});
    });
    BOOST_CHECK_MESSAGE(s.ok(), s.ToString());
  }
  Shield(const Shield&) = delete;
  Shield& operator=(const Shield&) = delete;

  static constexpr char kOwner[] = "outbox-test-shield:0";

 private:
  Env* env_;
};

// Runs one delivery pass as the test's clock sees it, with every pending row
// but this test's leased away.
DeliveryReport Deliver(ShiftedEnv* env,
                       std::chrono::seconds shift = kDeliverShift) {
  env->set_shift(shift);
  Shield shield(env);
  DeliveryReport report;
  Status delivered = DeliverDueMail(env, SendOutboxMail, &report);
  BOOST_REQUIRE_MESSAGE(delivered.ok(), delivered.ToString());
  return report;
}

SqlRow ReadRow(Env* env, const std::string& recipient) {
  std::vector<SqlRow> rows;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    return session->Query(kSelectRow, {recipient}, &rows);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_REQUIRE_EQUAL(rows.size(), 1u);
  return rows[0];
}

// Every message the SMTP catcher stored for `recipient` in the Maildir
// var/mail/, as stored.
std::vector<std::string> StoredMails(const std::string& recipient) {
  std::vector<std::string> found;
  for (const char* sub : {"/var/mail/new", "/var/mail/cur"}) {
    const std::string dir = std::string(PASSWD_SOURCE_DIR) + sub;
    DIR* d = opendir(dir.c_str());
    if (d == nullptr) continue;
    while (dirent* entry = readdir(d)) {
      if (entry->d_name[0] == '.') continue;
      std::ifstream file(dir + "/" + entry->d_name, std::ios::binary);
      std::stringstream text;
      text << file.rdbuf();
      if (text.str().find("X-Envelope-To: " + recipient + "\n") !=
          std::string::npos) {
        found.push_back(text.str());
      }
    }
    closedir(d);
  }
  return found;
}

int CountStored(const std::string& recipient) {
  return static_cast<int>(StoredMails(recipient).size());
}

// The decoded body of a message the SMTP catcher stored for `recipient`
// ("" when there is none).
std::string StoredBody(const std::string& recipient) {
  std::string found;
  for (const std::string& mail : StoredMails(recipient)) {
    // One text/plain part in base64: the body follows the header block.
    size_t start = mail.find("\n\n");
    if (start == std::string::npos) continue;
    std::string base64;
    for (char c : mail.substr(start + 2)) {
      if (c != '\n' && c != '\r') base64.push_back(c);
    }
    std::string decoded(base64.size(), '\0');
    int n = EVP_DecodeBlock(
        reinterpret_cast<unsigned char*>(&decoded[0]),
        reinterpret_cast<const unsigned char*>(base64.data()),
        static_cast<int>(base64.size()));
    if (n < 0) continue;
    decoded.resize(n);
    found = decoded;
  }
  return found;
}

// Each test starts and ends with no rows of the test domain.
struct OutboxFixture {
  OutboxFixture() : env(TestConfig()) { DeleteTestRows(); }
  ~OutboxFixture() { DeleteTestRows(); }
  void DeleteTestRows() {
    Status s = env.db()->Transaction([](SqlSession* session) {
      return session->Execute(kDeleteTestRows, {});
    });
    BOOST_CHECK_MESSAGE(s.ok(), s.ToString());
  }
  // An Env like the fixture's, with another configuration.
  std::unique_ptr<ShiftedEnv> EnvWith(const std::string& smtp_url,
                                      long max_attempts = 30) {
    Config config = env.config();
    config.smtp_url = smtp_url;
    config.mail_max_attempts = max_attempts;
    config.smtp_timeout_seconds = 5;
    // Each Env its own host, so each its own lease owner.
    config.host_name = "outbox-test-" + std::to_string(++envs_made);
    return std::make_unique<ShiftedEnv>(config);
  }

  ShiftedEnv env;
  int envs_made = 0;
};

BOOST_FIXTURE_TEST_SUITE(outbox, OutboxFixture)

BOOST_AUTO_TEST_CASE(stores_the_secret_sealed_and_never_in_clear) {
  const std::string recipient = UniqueRecipient("sealed");
  const std::string code = RandomCode();
  OutboxMail mail = TestMail(recipient, code);
  const auto not_after =
      std::chrono::system_clock::now() + std::chrono::hours(3);
  mail.not_after = not_after;
  Enqueue(&env, mail);

  SqlRow row = ReadRow(&env, recipient);
  for (size_t i = 0; i < row.size(); ++i) {
    BOOST_TEST(row.Text(i).find(code) == std::string::npos, "column " << i);
  }
  BOOST_TEST(row.Text(kBody).find(kSecretPlaceholder) != std::string::npos);
  BOOST_TEST(row.Text(kStatus) == "pending");
  BOOST_TEST(row.Int(kAttempts) == 0);
  BOOST_TEST(row.Text(kNotAfter) == SqlTime(not_after));
  BOOST_TEST(row.Text(kNextAttemptAt) == row.Text(kCreatedAt));
  BOOST_REQUIRE(!row.IsNull(kSealedSecret));
  const std::string sealed = row.Text(kSealedSecret);
  BOOST_TEST(sealed.size() == kAeadNonceSize + code.size() + kAeadTagSize);
  // Sealed with its row's reference, kind and recipient, and only with them.
  BOOST_TEST(row.Text(kSealRef).size() == 32u);
  std::string opened;
  Status s =
      Open(env.config().outbox_key, sealed,
           SealedSecretContext(row.Text(kSealRef), "test", recipient), &opened);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(opened == code);
  std::string unbound;
  BOOST_TEST(!Open(env.config().outbox_key, sealed, "", &unbound).ok());
}

BOOST_AUTO_TEST_CASE(a_mail_without_a_secret_stores_no_sealed_value) {
  const std::string recipient = UniqueRecipient("plain");
  Enqueue(&env, TestMail(recipient, ""));
  SqlRow row = ReadRow(&env, recipient);
  BOOST_TEST(row.IsNull(kSealedSecret));
  BOOST_TEST(row.IsNull(kNotAfter));
}

// Several mails at once (two rows a statement): each row is its own
// mail, its secret sealed with its own reference and recipient; one mail
// that cannot be queued writes none of them.
BOOST_AUTO_TEST_CASE(queues_several_mails_each_sealed_to_its_row) {
  std::vector<OutboxMail> mails;
  std::vector<std::string> codes;
  for (const char* name : {"many-a", "many-b", "many-c"}) {
    codes.push_back(RandomCode());
    mails.push_back(TestMail(UniqueRecipient(name), codes.back()));
  }
  env.set_shift(kEnqueueShift);
  Status s = env.db()->Transaction(
      [&](SqlSession* session) { return EnqueueMails(&env, session, mails); });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  std::vector<std::string> refs;
  for (size_t i = 0; i < mails.size(); ++i) {
    SqlRow row = ReadRow(&env, mails[i].recipient);
    BOOST_TEST(row.Text(kStatus) == "pending");
    refs.push_back(row.Text(kSealRef));
    std::string opened;
    s = Open(env.config().outbox_key, row.Text(kSealedSecret),
             SealedSecretContext(refs.back(), "test", mails[i].recipient),
             &opened);
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
    BOOST_TEST(opened == codes[i]);
  }
  BOOST_TEST(refs[0] != refs[1]);
  BOOST_TEST(refs[1] != refs[2]);

  std::vector<OutboxMail> with_a_bad_one = {
      TestMail(UniqueRecipient("batch-good"), RandomCode()),
      TestMail(UniqueRecipient("batch-bad"), "")};
  with_a_bad_one[1].secret = RandomCode();  // a secret without placeholder
  s = env.db()->Transaction([&](SqlSession* session) {
    return EnqueueMails(&env, session, with_a_bad_one);
  });
  BOOST_TEST((s.code() == Status::Code::kInvalidInput), s.ToString());
  std::vector<SqlRow> rows;
  s = env.db()->Read([&](SqlSession* session) {
    return session->Query(kRowId, {with_a_bad_one[0].recipient}, &rows);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(rows.empty());
}

BOOST_AUTO_TEST_CASE(refuses_a_secret_without_its_placeholder) {
  OutboxMail mail = TestMail(UniqueRecipient("noplace"), "");
  mail.secret = RandomCode();
  Status s = env.db()->Transaction(
      [&](SqlSession* session) { return EnqueueMail(&env, session, mail); });
  BOOST_TEST((s.code() == Status::Code::kInvalidInput), s.ToString());
}

BOOST_AUTO_TEST_CASE(sends_a_due_mail_with_the_secret_and_wipes_it) {
  const std::string recipient = UniqueRecipient("sent");
  const std::string code = RandomCode();
  Enqueue(&env, TestMail(recipient, code));
  auto sender = EnvWith(env.config().smtp_url);
  DeliveryReport report = Deliver(sender.get());
  BOOST_TEST(report.sent == 1);
  BOOST_TEST(report.retried == 0);

  SqlRow row = ReadRow(&env, recipient);
  BOOST_TEST(row.Text(kStatus) == "sent");
  BOOST_TEST(row.IsNull(kSealedSecret));
  BOOST_TEST(row.Int(kAttempts) == 1);
  BOOST_TEST(!row.IsNull(kSentAt));
  BOOST_TEST(row.Text(kLastError) == "");
  const std::string message_id = row.Text(kMessageId);
  BOOST_TEST(message_id.size() > 2);
  BOOST_TEST(message_id.front() == '<');
  BOOST_TEST(message_id.back() == '>');
  // The body is wiped too: it may hold link tokens in clear.
  BOOST_TEST(row.Text(kBody) == "");

  const std::string body = StoredBody(recipient);
  BOOST_TEST(body.find("アクセスコード: " + code) != std::string::npos, body);
  BOOST_TEST(body.find(kSecretPlaceholder) == std::string::npos);

  // Delivered once: another pass finds nothing to do.
  report = Deliver(sender.get());
  BOOST_TEST(report.sent == 0);
}

BOOST_AUTO_TEST_CASE(skips_a_mail_another_worker_holds) {
  const std::string held = UniqueRecipient("held");
  const std::string next = UniqueRecipient("next");
  Enqueue(&env, TestMail(held, ""));
  Enqueue(&env, TestMail(next, ""));
  // Another worker's claim, still running on the test's shifted clock.
  LeaseRows(&env, {held}, "other-host:1",
            std::chrono::system_clock::now() + kDeliverShift +
                std::chrono::minutes(5));
  auto sender = EnvWith(env.config().smtp_url);
  DeliveryReport report = Deliver(sender.get());
  BOOST_TEST(report.sent == 1);
  BOOST_TEST(ReadRow(&env, held).Text(kStatus) == "pending");
  BOOST_TEST(ReadRow(&env, held).Int(kAttempts) == 0);
  BOOST_TEST(ReadRow(&env, next).Text(kStatus) == "sent");
  BOOST_TEST(CountStored(held) == 0);
}

BOOST_AUTO_TEST_CASE(takes_a_mail_again_once_its_lease_expired) {
  const std::string recipient = UniqueRecipient("orphan");
  Enqueue(&env, TestMail(recipient, RandomCode()));
  // A worker claimed it and died: its claim ran out a minute ago (as the
  // test's shifted clock sees it).
  LeaseRows(&env, {recipient}, "dead-host:1",
            std::chrono::system_clock::now() + kDeliverShift -
                std::chrono::minutes(1));
  auto sender = EnvWith(env.config().smtp_url);
  DeliveryReport report = Deliver(sender.get());
  BOOST_TEST(report.sent == 1);
  BOOST_TEST(ReadRow(&env, recipient).Text(kStatus) == "sent");
  BOOST_TEST(CountStored(recipient) == 1);
  // The result ended the claim.
  std::vector<SqlRow> rows;
  Status s = env.db()->Transaction([&](SqlSession* session) {
    return session->Query(kReadLease, {recipient}, &rows);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(rows.at(0).IsNull(0));
  BOOST_TEST(rows.at(0).IsNull(1));
}

BOOST_AUTO_TEST_CASE(workers_on_several_hosts_send_each_mail_once) {
  std::vector<std::string> recipients;
  for (int i = 0; i < 12; ++i) {
    recipients.push_back(UniqueRecipient("race" + std::to_string(i)));
    Enqueue(&env, TestMail(recipients.back(), RandomCode()));
  }
  Shield shield(&env);
  std::vector<std::unique_ptr<ShiftedEnv>> workers;
  for (int i = 0; i < 4; ++i) {
    workers.push_back(EnvWith(env.config().smtp_url));
    workers.back()->set_shift(kDeliverShift);
    // Connected here, so the threads only use their connections.
    Status s = workers.back()->db()->Transaction(
        [](SqlSession*) { return Status::Ok(); });
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  }
  // Four workers, each on its own connection and with its own host name
  // (so its own lease owner), all start at once.
  std::vector<DeliveryReport> reports(workers.size());
  std::vector<Status> results(workers.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < workers.size(); ++i) {
    threads.emplace_back([&, i] {
      results[i] = DeliverDueMail(workers[i].get(), SendOutboxMail, &reports[i]);
    });
  }
  for (std::thread& t : threads) t.join();
  int sent = 0;
  for (size_t i = 0; i < workers.size(); ++i) {
    BOOST_TEST(results[i].ok(), results[i].ToString());
    sent += reports[i].sent;
  }
  BOOST_TEST(sent == 12);
  for (const std::string& recipient : recipients) {
    BOOST_TEST(ReadRow(&env, recipient).Text(kStatus) == "sent");
    BOOST_TEST(CountStored(recipient) == 1, recipient);
  }
}

BOOST_AUTO_TEST_CASE(expires_a_mail_past_not_after_and_sends_nothing) {
  const std::string recipient = UniqueRecipient("expired");
  OutboxMail mail = TestMail(recipient, RandomCode());
  // Due for the test's delivery clock only after its expiry.
  mail.not_after = std::chrono::system_clock::now() + kEnqueueShift +
                   std::chrono::minutes(30);
  Enqueue(&env, mail);
  auto sender = EnvWith(kClosedPort);
  DeliveryReport report = Deliver(sender.get());
  BOOST_TEST(report.expired == 1);
  BOOST_TEST(report.sent == 0);
  BOOST_TEST(report.retried == 0);
  BOOST_TEST(report.failed == 0);

  SqlRow row = ReadRow(&env, recipient);
  BOOST_TEST(row.Text(kStatus) == "expired");
  BOOST_TEST(row.IsNull(kSealedSecret));
  BOOST_TEST(row.Text(kBody) == "");  // it can never be sent
  BOOST_TEST(row.Int(kAttempts) == 0);
  BOOST_TEST(row.IsNull(kSentAt));
  BOOST_TEST(row.IsNull(kMessageId));
}

BOOST_AUTO_TEST_CASE(retries_later_when_the_server_is_down) {
  const std::string recipient = UniqueRecipient("retry");
  const std::string code = RandomCode();
  Enqueue(&env, TestMail(recipient, code));
  // A second due mail: the pass stops at the first temporary failure.
  const std::string second = UniqueRecipient("retry2");
  Enqueue(&env, TestMail(second, ""));
  auto sender = EnvWith(kClosedPort);
  DeliveryReport report = Deliver(sender.get());
  BOOST_TEST(report.retried == 1);
  BOOST_TEST(report.sent == 0);

  SqlRow row = ReadRow(&env, recipient);
  BOOST_TEST(row.Text(kStatus) == "pending");
  BOOST_TEST(row.Int(kAttempts) == 1);
  BOOST_TEST(!row.IsNull(kSealedSecret));
  // The time texts sort as the times do.
  BOOST_TEST(row.Text(kNextAttemptAt) > SqlTime(sender->Now()));
  const std::string error = row.Text(kLastError);
  BOOST_TEST(!error.empty());
  BOOST_TEST(error.find(code) == std::string::npos);
  BOOST_TEST(error.find("アクセスコード") == std::string::npos);
  BOOST_TEST(ReadRow(&env, second).Int(kAttempts) == 0);
}

BOOST_AUTO_TEST_CASE(fails_after_the_last_attempt_and_wipes_the_secret) {
  const std::string recipient = UniqueRecipient("attempts");
  Enqueue(&env, TestMail(recipient, RandomCode()));
  auto sender = EnvWith(kClosedPort, /*max_attempts=*/2);
  BOOST_TEST(Deliver(sender.get()).retried == 1);
  // Later than the backoff.
  BOOST_TEST(
      Deliver(sender.get(), kDeliverShift + std::chrono::minutes(10)).failed ==
      1);

  SqlRow row = ReadRow(&env, recipient);
  BOOST_TEST(row.Text(kStatus) == "failed");
  BOOST_TEST(row.Int(kAttempts) == 2);
  BOOST_TEST(row.IsNull(kSealedSecret));
  BOOST_TEST(!row.Text(kLastError).empty());
}

BOOST_AUTO_TEST_CASE(fails_at_once_for_a_malformed_address) {
  const std::string recipient = "no space" + UniqueRecipient("");
  Enqueue(&env, TestMail(recipient, RandomCode()));
  auto sender = EnvWith(kClosedPort);
  DeliveryReport report = Deliver(sender.get());
  BOOST_TEST(report.failed == 1);
  BOOST_TEST(report.retried == 0);

  SqlRow row = ReadRow(&env, recipient);
  BOOST_TEST(row.Text(kStatus) == "failed");
  BOOST_TEST(row.Int(kAttempts) == 1);
  BOOST_TEST(row.IsNull(kSealedSecret));
}

BOOST_AUTO_TEST_CASE(refuses_a_secret_without_its_not_after) {
  OutboxMail mail = TestMail(UniqueRecipient("nodeadline"), RandomCode());
  mail.not_after.reset();
  Status s = env.db()->Transaction(
      [&](SqlSession* session) { return EnqueueMail(&env, session, mail); });
  BOOST_TEST((s.code() == Status::Code::kInvalidInput), s.ToString());
}

const char kReadSealed[] =
    "SELECT sealed_secret FROM mail_outbox WHERE recipient = ?";
const char kWriteSealed[] =
    "UPDATE mail_outbox SET sealed_secret = ? WHERE recipient = ?";

// Copies the sealed secret of the row to `from` into the row to `to`, as
// someone who can write the table but has no key would.
void CopySealedSecret(Env* env, const std::string& from,
                      const std::string& to) {
  Status s = env->db()->Transaction([&](SqlSession* session) {
    std::vector<SqlRow> rows;
    Status q = session->Query(kReadSealed, {from}, &rows);
    if (!q.ok()) return q;
    if (rows.size() != 1 || rows[0].IsNull(0)) {
      return Status::Internal("no sealed secret to copy");
    }
    return session->Execute(kWriteSealed, {rows[0].Text(0), to});
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
}

// Runs `sql` with `params` on the test's rows.
void Exec(Env* env, const char* sql, const std::vector<SqlValue>& params) {
  Status s = env->db()->Transaction(
      [&](SqlSession* session) { return session->Execute(sql, params); });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
}

// The row to `recipient` failed for good, its secret and body wiped, and
// nothing reached the SMTP catcher for it.
void CheckFailedUnsent(Env* env, const std::string& recipient) {
  SqlRow row = ReadRow(env, recipient);
  BOOST_TEST(row.Text(kStatus) == "failed");
  BOOST_TEST(row.IsNull(kSealedSecret));
  BOOST_TEST(row.Text(kBody) == "");
  BOOST_TEST(row.Text(kLastError).find("sealed secret") != std::string::npos,
             row.Text(kLastError));
  BOOST_TEST(CountStored(recipient) == 0);
}

BOOST_AUTO_TEST_CASE(a_secret_copied_to_another_row_is_never_sent) {
  const std::string victim = UniqueRecipient("victim");
  const std::string thief = UniqueRecipient("thief");
  const std::string code = RandomCode();
  Enqueue(&env, TestMail(victim, code));
  Enqueue(&env, TestMail(thief, RandomCode()));
  CopySealedSecret(&env, victim, thief);
  auto sender = EnvWith(env.config().smtp_url);
  DeliveryReport report = Deliver(sender.get());
  BOOST_TEST(report.sent == 1);
  BOOST_TEST(report.failed == 1);
  CheckFailedUnsent(&env, thief);
  // The victim's own mail still goes out, with its code.
  BOOST_TEST(ReadRow(&env, victim).Text(kStatus) == "sent");
  BOOST_TEST(StoredBody(victim).find(code) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_secret_whose_row_changed_recipient_or_kind_fails) {
  const std::string redirected = UniqueRecipient("redirected");
  const std::string rekinded = UniqueRecipient("rekinded");
  const std::string meant = UniqueRecipient("meant");
  Enqueue(&env, TestMail(meant, RandomCode()));
  // The first row's recipient changed to another address.
  Exec(&env, "UPDATE mail_outbox SET recipient = ? WHERE recipient = ?",
       {redirected, meant});
  Enqueue(&env, TestMail(rekinded, RandomCode()));
  Exec(&env, "UPDATE mail_outbox SET kind = 'other' WHERE recipient = ?",
       {rekinded});
  auto sender = EnvWith(env.config().smtp_url);
  DeliveryReport report = Deliver(sender.get());
  BOOST_TEST(report.failed == 2);
  BOOST_TEST(report.sent == 0);
  CheckFailedUnsent(&env, redirected);
  CheckFailedUnsent(&env, rekinded);
}

BOOST_AUTO_TEST_CASE(a_secret_sealed_before_rows_had_references_fails) {
  // As the code before migration 013 left it: no seal_ref.
  const std::string recipient = UniqueRecipient("unbound");
  Enqueue(&env, TestMail(recipient, RandomCode()));
  Exec(&env, "UPDATE mail_outbox SET seal_ref = NULL WHERE recipient = ?",
       {recipient});
  auto sender = EnvWith(env.config().smtp_url);
  BOOST_TEST(Deliver(sender.get()).failed == 1);
  CheckFailedUnsent(&env, recipient);
}

// The id of the only row to `recipient`.
int64_t RowId(Env* env, const std::string& recipient) {
  std::vector<SqlRow> rows;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    return session->Query(kRowId, {recipient}, &rows);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_REQUIRE(rows.size() == 1);
  return rows[0].Int(0);
}

MailRetryOutcome Retry(Env* env, int64_t id) {
  MailRetryOutcome outcome = MailRetryOutcome::kNotFound;
  std::string kind;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    return RetryFailedMail(env, session, id, &outcome, &kind);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  return outcome;
}

BOOST_AUTO_TEST_CASE(lists_failed_mail_and_retries_only_a_failed_one) {
  // Malformed addresses fail at once, one without a secret, one with.
  const std::string plain = "no space" + UniqueRecipient("retry");
  const std::string coded = "no space" + UniqueRecipient("retrycode");
  Enqueue(&env, TestMail(plain, ""));
  Enqueue(&env, TestMail(coded, RandomCode()));
  auto sender = EnvWith(kClosedPort);
  BOOST_TEST(Deliver(sender.get()).failed == 2);
  const int64_t plain_id = RowId(&env, plain);
  const int64_t coded_id = RowId(&env, coded);

  std::vector<MailRecord> failed;
  Status s = env.db()->Transaction([&](SqlSession* session) {
    return ListFailedMail(session, 0, 1000, &failed);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_REQUIRE(failed.size() >= 2);
  BOOST_TEST(failed[0].id == coded_id);  // newest first
  BOOST_TEST(failed[0].carried_secret);
  BOOST_TEST(failed[1].id == plain_id);
  BOOST_TEST(!failed[1].carried_secret);
  BOOST_TEST((failed[1].state == MailState::kFailed));
  BOOST_TEST(failed[1].attempts == 1);
  BOOST_TEST(!failed[1].last_error.empty());
  // The next page starts below its `before_id`.
  s = env.db()->Transaction([&](SqlSession* session) {
    return ListFailedMail(session, coded_id, 1, &failed);
  });
  BOOST_REQUIRE(s.ok());
  BOOST_REQUIRE(failed.size() == 1);
  BOOST_TEST(failed[0].id == plain_id);

  // Retried into the future (the shifted clock), out of the stack's way.
  env.set_shift(kEnqueueShift);
  BOOST_TEST((Retry(&env, coded_id) == MailRetryOutcome::kCarriedSecret));
  BOOST_TEST((Retry(&env, plain_id) == MailRetryOutcome::kRetried));
  // A failed mail that carried a secret can never be sent: its body is
  // wiped; one without keeps its body for the retry.
  BOOST_TEST(ReadRow(&env, coded).Text(kBody) == "");
  SqlRow row = ReadRow(&env, plain);
  BOOST_TEST(row.Text(kStatus) == "pending");
  BOOST_TEST(row.Text(kBody) == TestMail(plain, "").body);
  BOOST_TEST(row.Int(kAttempts) == 0);
  BOOST_TEST(!row.Text(kLastError).empty());
  BOOST_TEST((Retry(&env, plain_id) == MailRetryOutcome::kNotFailed));
  BOOST_TEST(ReadRow(&env, coded).Text(kStatus) == "failed");
  BOOST_TEST((Retry(&env, coded_id + 1000000) == MailRetryOutcome::kNotFound));

  // An account's mails: each once, newest first, never more than asked.
  std::vector<MailRecord> mails;
  s = env.db()->Transaction([&](SqlSession* session) {
    return ListMailForAccount(session, {plain, coded, plain, ""}, 10, &mails);
  });
  BOOST_REQUIRE(s.ok());
  BOOST_REQUIRE(mails.size() == 2);
  BOOST_TEST(mails[0].id == coded_id);
  BOOST_TEST(mails[1].id == plain_id);
  BOOST_TEST((mails[1].state == MailState::kPending));
  s = env.db()->Transaction([&](SqlSession* session) {
    return ListMailForAccount(session, {plain, coded}, 1, &mails);
  });
  BOOST_REQUIRE(s.ok());
  BOOST_TEST(mails.size() == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
