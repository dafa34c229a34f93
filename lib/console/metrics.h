// The metrics page's content: the counters and the backlogs, read in one
// transaction, written in the Prometheus text exposition format (0.0.4).
// It names no account and no secret: only counts, ages and target names.
#ifndef PASSWD_LIB_CONSOLE_METRICS_H_
#define PASSWD_LIB_CONSOLE_METRICS_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/env.h"
#include "base/status.h"
#include "flow/password_sync.h"
#include "mail/outbox.h"
#include "store/metric_counters.h"
#include "store/operator_requests.h"

namespace passwd {

// The Content-Type of the text exposition format.
inline constexpr char kPrometheusContentType[] =
    "text/plain; version=0.0.4; charset=utf-8";

// Everything the metrics page shows, as read at `now`.
struct MetricsSnapshot {
  std::chrono::system_clock::time_point now;
  std::map<MetricCounter, uint64_t> counters;
  std::map<OperatorRequestStatus, int64_t> operator_requests;
  OutboxBacklog outbox;
  std::vector<DeliveryBacklog> deliveries;  // one per target
};

// Reads the snapshot through the tables' owners, in one transaction that
// writes nothing.
Status ReadMetrics(Env* env, MetricsSnapshot* snapshot);

// Writes `snapshot` in the text exposition format: HELP and TYPE lines,
// then the samples of each metric, every label value escaped.
std::string PrometheusText(const MetricsSnapshot& snapshot);

}  // namespace passwd

#endif  // PASSWD_LIB_CONSOLE_METRICS_H_
