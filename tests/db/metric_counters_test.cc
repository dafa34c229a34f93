// The metrics' counters against the real MariaDB of the running stack
// (PASSWD_CONFIG names its configuration): parallel increments, each on its
// own connection as separate FastCGI processes would be, are all counted
// across the shards; an increment rolled back with its transaction is not.
#include "store/metric_counters.h"

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <map>
#include <memory>
#include <thread>
#include <vector>

#include "db_fixture.h"

namespace passwd {
namespace {

// The counter these tests move (the rate-limit test moves it too).
constexpr MetricCounter kCounter = MetricCounter::kRateLimited;

uint64_t CounterValue(Env* env) {
  std::map<MetricCounter, uint64_t> values;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    return ReadMetricCounters(session, &values);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_REQUIRE_EQUAL(values.size(), std::size(kMetricCounters));
  return values.at(kCounter);
}

BOOST_AUTO_TEST_SUITE(metric_counters_db)

BOOST_AUTO_TEST_CASE(parallel_increments_are_all_counted) {
  const Config config = TestConfig();
  ShiftedEnv reader(config);
  const uint64_t before = CounterValue(&reader);

  constexpr int kConnections = 8;
  constexpr int kIncrements = 25;
  std::vector<std::unique_ptr<ShiftedEnv>> envs;
  for (int i = 0; i < kConnections; ++i) {
    envs.push_back(std::make_unique<ShiftedEnv>(config));
    // Connect here: the MySQL client library's set-up is not thread-safe.
    Status s = envs.back()->db()->Transaction(
        [](SqlSession*) { return Status::Ok(); });
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  }
  std::atomic<int> failed{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kConnections; ++i) {
    threads.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      for (int n = 0; n < kIncrements; ++n) {
        Status s = envs[i]->db()->Transaction(
            [](SqlSession* session) { return CountMetric(session, kCounter); });
        if (!s.ok()) ++failed;
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();

  BOOST_TEST(failed.load() == 0);
  // Other processes may count meanwhile (a rate-limited request), never
  // fewer.
  BOOST_TEST(CounterValue(&reader) >= before + kConnections * kIncrements);
}

BOOST_AUTO_TEST_CASE(an_increment_goes_with_its_transaction) {
  const Config config = TestConfig();
  ShiftedEnv env(config);
  const uint64_t before = CounterValue(&env);
  Status s = env.db()->Transaction([](SqlSession* session) {
    Status t = CountMetric(session, kCounter);
    if (!t.ok()) return t;
    return Status::Internal("rolled back on purpose");
  });
  BOOST_TEST(!s.ok());
  const uint64_t after_rollback = CounterValue(&env);
  s = env.db()->Transaction(
      [](SqlSession* session) { return CountMetric(session, kCounter); });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  const uint64_t after_commit = CounterValue(&env);
  // Nothing else counts rate limits during the database tests.
  BOOST_TEST(after_rollback == before);
  BOOST_TEST(after_commit == before + 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
