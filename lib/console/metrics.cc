#include "console/metrics.h"

#include <optional>

namespace passwd {
namespace {

constexpr char kPrefix[] = "umin_passwd_";

// A label value as the exposition format writes it: backslash, double quote
// and line feed escaped.
std::string EscapeLabelValue(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// One metric family being written: its HELP and TYPE lines first.
class Family {
 public:
  Family(std::string* out, const std::string& name, const char* type,
         const std::string& help)
      : out_(out), name_(kPrefix + name) {
    *out_ += "# HELP " + name_ + " " + help + "\n";
    *out_ += "# TYPE " + name_ + " " + type + "\n";
  }

  // One sample without labels.
  void Sample(uint64_t value) {
    *out_ += name_ + " " + std::to_string(value) + "\n";
  }

  // One sample with the label `label`="`label_value`".
  void Sample(const char* label, const std::string& label_value,
              uint64_t value) {
    *out_ += name_ + "{" + label + "=\"" + EscapeLabelValue(label_value) +
             "\"} " + std::to_string(value) + "\n";
  }

 private:
  std::string* out_;
  std::string name_;
};

// Whole seconds from `since` to `now`; 0 when there is nothing waiting (or a
// clock behind the row).
uint64_t AgeSeconds(
    std::chrono::system_clock::time_point now,
    const std::optional<std::chrono::system_clock::time_point>& since) {
  if (!since || *since >= now) return 0;
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(now - *since).count());
}

// A row count as a sample (a count is never negative).
uint64_t RowCount(int64_t n) { return n < 0 ? 0 : static_cast<uint64_t>(n); }

void WriteCounters(const MetricsSnapshot& snapshot, std::string* out) {
  for (const MetricCounterEntry& entry : kMetricCounters) {
    auto it = snapshot.counters.find(entry.value);
    Family(out, std::string(entry.text) + "_total", "counter", entry.help)
        .Sample(it == snapshot.counters.end() ? 0 : it->second);
  }
}

void WriteOperatorRequests(const MetricsSnapshot& snapshot, std::string* out) {
  Family family(out, "operator_requests", "gauge",
                "Operator requests by state (closed ones are kept for "
                "closed_request_retention_days).");
  for (OperatorRequestStatus status : kOperatorRequestStatuses) {
    auto it = snapshot.operator_requests.find(status);
    family.Sample(
        "state", OperatorRequestStatusValue(status),
        it == snapshot.operator_requests.end() ? 0 : RowCount(it->second));
  }
}

void WriteOutbox(const MetricsSnapshot& snapshot, std::string* out) {
  const OutboxBacklog& outbox = snapshot.outbox;
  Family(out, "outbox_pending", "gauge", "Mails waiting to be sent.")
      .Sample(RowCount(outbox.pending));
  Family(out, "outbox_failed", "gauge",
         "Mails given up on (kept for outbox_retention_days).")
      .Sample(RowCount(outbox.failed));
  Family(out, "outbox_oldest_pending_seconds", "gauge",
         "Age of the oldest mail waiting to be sent; 0 when none waits.")
      .Sample(AgeSeconds(snapshot.now, outbox.oldest_pending));
}

void WriteDeliveries(const MetricsSnapshot& snapshot, std::string* out) {
  Family pending(out, "sync_pending", "gauge",
                 "Password deliveries waiting for a try, by target.");
  for (const DeliveryBacklog& target : snapshot.deliveries) {
    pending.Sample("target", target.target, RowCount(target.pending));
  }
  Family failed(out, "sync_failed", "gauge",
                "Password deliveries whose last try failed, by target.");
  for (const DeliveryBacklog& target : snapshot.deliveries) {
    failed.Sample("target", target.target, RowCount(target.failed));
  }
  Family oldest(out, "sync_oldest_pending_seconds", "gauge",
                "Age of the oldest password delivery waiting for a try, by "
                "target; 0 when none waits.");
  for (const DeliveryBacklog& target : snapshot.deliveries) {
    oldest.Sample("target", target.target,
                  AgeSeconds(snapshot.now, target.oldest_pending));
  }
}

}  // namespace

Status ReadMetrics(Env* env, MetricsSnapshot* snapshot) {
  return env->db()->Transaction([&](SqlSession* session) {
    *snapshot = MetricsSnapshot{};
    snapshot->now = env->Now();
    Status s = ReadMetricCounters(session, &snapshot->counters);
    if (s.ok()) {
      s = CountOperatorRequestsByStatus(session, &snapshot->operator_requests);
    }
    if (s.ok()) s = ReadOutboxBacklog(session, &snapshot->outbox);
    if (s.ok()) s = ReadDeliveryBacklog(env, session, &snapshot->deliveries);
    return s;
  });
}

std::string PrometheusText(const MetricsSnapshot& snapshot) {
  std::string out;
  WriteCounters(snapshot, &out);
  WriteOperatorRequests(snapshot, &out);
  WriteOutbox(snapshot, &out);
  WriteDeliveries(snapshot, &out);
  return out;
}

}  // namespace passwd
