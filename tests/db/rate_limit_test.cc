// Rate limits against the real MariaDB of the running stack (PASSWD_CONFIG
// names its configuration): a burst of parallel requests of one subject,
// each on its own connection as separate FastCGI processes would be, gets
// exactly the limit's number of events through.
#include "store/rate_limit.h"

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <string>
#include <thread>
#include <vector>

#include "base/crypto.h"
#include "db_fixture.h"

namespace passwd {
namespace {

const char kCountEvents[] =
    "SELECT COUNT(*) FROM rate_limit_events WHERE scope = ? AND subject = ?";

// A subject no earlier run has used: the tests share the stack's database.
std::string FreshSubject(const std::string& prefix) {
  std::string random;
  BOOST_REQUIRE(RandomBytes(8, &random).ok());
  return prefix + "-" + HexEncode(random);
}

// Now, to the second, as the database stores it.
std::chrono::system_clock::time_point WholeSecondNow() {
  return std::chrono::time_point_cast<std::chrono::seconds>(
      std::chrono::system_clock::now());
}

BOOST_AUTO_TEST_SUITE(rate_limit_db)

BOOST_AUTO_TEST_CASE(a_parallel_burst_cannot_overrun_the_limit) {
  const Config config = TestConfig();
  const RateLimit limit{"test_burst", 5, std::chrono::hours(1)};
  const std::string subject = FreshSubject("burst");

  constexpr int kRequests = 16;
  std::vector<std::unique_ptr<ShiftedEnv>> envs;
  for (int i = 0; i < kRequests; ++i) {
    envs.push_back(std::make_unique<ShiftedEnv>(config));
    // Connect here: the MySQL client library's set-up is not thread-safe.
    Status s = envs.back()->db()->Transaction(
        [](SqlSession*) { return Status::Ok(); });
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  }
  std::atomic<int> allowed{0}, refused{0}, failed{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i) {
    threads.emplace_back([&, i] {
      ShiftedEnv* env = envs[i].get();
      while (!go) std::this_thread::yield();
      bool was_allowed = false;
      Status s = env->db()->Transaction([&](SqlSession* session) {
        std::optional<std::chrono::system_clock::time_point> retry_at;
        Status t =
            CheckRateLimit(session, limit, subject, env->Now(), &retry_at);
        if (!t.ok()) return t;
        was_allowed = !retry_at;
        if (!was_allowed) return Status::Ok();
        // Widen the window between the check and the insert, as the work a
        // page does in between would.
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return RecordRateEvent(session, limit, subject, env->Now());
      });
      if (!s.ok()) {
        ++failed;
      } else if (was_allowed) {
        ++allowed;
      } else {
        ++refused;
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();

  BOOST_TEST(failed.load() == 0);
  BOOST_TEST(allowed.load() == 5);
  BOOST_TEST(refused.load() == kRequests - 5);
  std::vector<SqlRow> rows;
  ShiftedEnv env(config);
  Status s = env.db()->Transaction([&](SqlSession* session) {
    rows.clear();
    return session->Query(kCountEvents, {std::string(limit.scope), subject},
                          &rows);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(rows.at(0).Int(0) == 5);
}

// ReadRateEvents counts only the events after `since` and names the newest,
// whatever the limit's window (the console's unknown logins count their
// failures since their last lock with it).
BOOST_AUTO_TEST_CASE(reads_the_events_after_a_time) {
  ShiftedEnv env(TestConfig());
  const RateLimit limit{"test_read", 1, std::chrono::seconds(1)};
  const std::string subject = FreshSubject("read");
  const auto t0 = WholeSecondNow();
  using std::chrono::hours;
  RateEvents none, all, recent;
  Status s = env.db()->Transaction([&](SqlSession* session) {
    Status t = ReadRateEvents(session, limit, subject, {}, t0, &none);
    for (int h = 0; t.ok() && h < 3; ++h) {
      t = RecordRateEvent(session, limit, subject, t0 + hours(h));
    }
    if (t.ok()) t = ReadRateEvents(session, limit, subject, {}, t0, &all);
    if (t.ok()) {
      t = ReadRateEvents(session, limit, subject, t0 + hours(1), t0, &recent);
    }
    return t;
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(none.count == 0);
  BOOST_TEST(!none.latest.has_value());
  BOOST_TEST(all.count == 3);
  BOOST_TEST((all.latest == t0 + hours(2)));
  // Strictly after `since`: the event at t0 + 1 h is not counted.
  BOOST_TEST(recent.count == 1);
  BOOST_TEST((recent.latest == t0 + hours(2)));
}

// A subject at its limit is refused until the oldest event of the window
// leaves it; events before the window count for nothing.
BOOST_AUTO_TEST_CASE(a_refusal_says_when_the_window_frees) {
  ShiftedEnv env(TestConfig());
  const RateLimit limit{"test_retry", 2, std::chrono::hours(1)};
  const std::string subject = FreshSubject("retry");
  const auto t0 = WholeSecondNow();
  using std::chrono::minutes;
  std::optional<std::chrono::system_clock::time_point> below, at_limit;
  Status s = env.db()->Transaction([&](SqlSession* session) {
    Status t = RecordRateEvent(session, limit, subject, t0 - minutes(70));
    if (t.ok()) t = RecordRateEvent(session, limit, subject, t0 - minutes(50));
    if (t.ok()) t = CheckRateLimit(session, limit, subject, t0, &below);
    if (t.ok()) t = RecordRateEvent(session, limit, subject, t0 - minutes(20));
    if (t.ok()) t = CheckRateLimit(session, limit, subject, t0, &at_limit);
    return t;
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(!below.has_value());
  BOOST_REQUIRE(at_limit.has_value());
  BOOST_TEST((*at_limit == t0 - minutes(50) + std::chrono::hours(1) +
                              std::chrono::seconds(1)));
}

// A batch records each event added, with its own scope, subject and time,
// however many there are (two rows a statement), and then is empty.
BOOST_AUTO_TEST_CASE(a_batch_records_every_event_once) {
  ShiftedEnv env(TestConfig());
  const RateLimit first{"test_batch_a", 10, std::chrono::hours(1)};
  const RateLimit second{"test_batch_b", 10, std::chrono::hours(1)};
  const std::string a = FreshSubject("batch-a");
  const std::string b = FreshSubject("batch-b");
  const auto t0 = WholeSecondNow();
  using std::chrono::minutes;
  RateEvents of_a, of_b, of_b_recent;
  Status s = env.db()->Transaction([&](SqlSession* session) {
    RateEventBatch batch;
    Status t = batch.Record(session);  // empty: nothing to write
    batch.Add(first, a, t0 - minutes(30));
    batch.Add(second, b, t0 - minutes(20));
    batch.Add(second, b, t0 - minutes(10));
    if (t.ok()) t = batch.Record(session);
    if (t.ok()) t = batch.Record(session);  // emptied: records none again
    if (t.ok()) t = ReadRateEvents(session, first, a, {}, t0, &of_a);
    if (t.ok()) t = ReadRateEvents(session, second, b, {}, t0, &of_b);
    if (t.ok()) {
      t = ReadRateEvents(session, second, b, t0 - minutes(15), t0,
                         &of_b_recent);
    }
    return t;
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(of_a.count == 1);
  BOOST_TEST((of_a.latest == t0 - minutes(30)));
  BOOST_TEST(of_b.count == 2);
  BOOST_TEST((of_b.latest == t0 - minutes(10)));
  BOOST_TEST(of_b_recent.count == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
