#include "store/metric_counters.h"

#include <random>
#include <string>
#include <vector>

#include "base/enum_table.h"

namespace passwd {

namespace {

// Rows per counter: enough that concurrent transactions seldom draw the same
// row, few enough that reading a counter stays cheap.
constexpr int kShards = 16;

// The row of (name, shard) gets 1 more, created at 1 on first use.
const char kCount[] =
    "INSERT INTO metric_counters (name, shard, value) VALUES (?, ?, 1) "
    "ON DUPLICATE KEY UPDATE value = value + 1";
const char kReadCounters[] =
    "SELECT name, SUM(value) FROM metric_counters GROUP BY name";

// A random shard; not a secret, so a process-local generator does.
int64_t RandomShard() {
  thread_local std::minstd_rand generator{std::random_device{}()};
  return std::uniform_int_distribution<int64_t>(0, kShards - 1)(generator);
}

}  // namespace

Status CountMetric(SqlSession* session, MetricCounter counter) {
  return session->Execute(
      kCount,
      {std::string(EntryOf(kMetricCounters, counter).text), RandomShard()});
}

Status ReadMetricCounters(SqlSession* session,
                          std::map<MetricCounter, uint64_t>* values) {
  values->clear();
  for (const auto& entry : kMetricCounters) (*values)[entry.value] = 0;
  std::vector<SqlRow> rows;
  Status s = session->Query(kReadCounters, {}, &rows);
  if (!s.ok()) return s;
  for (const SqlRow& row : rows) {
    MetricCounter counter;
    // A name this build does not know (a newer build's) is left out.
    if (ParseEntryText(kMetricCounters, row.Text(0), &counter)) {
      (*values)[counter] = static_cast<uint64_t>(row.Int(1));
    }
  }
  return Status::Ok();
}

}  // namespace passwd
