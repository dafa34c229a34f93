// console/metrics.h: the text exposition format of the metrics page.
#include "console/metrics.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "utc_time.h"

namespace passwd {
namespace {

// True when `text` holds `line` as a whole line.
bool HasLine(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

MetricsSnapshot Sample() {
  MetricsSnapshot snapshot;
  snapshot.now = At("2026-12-01 12:00:00");
  snapshot.counters[MetricCounter::kCodesSent] = 12;
  snapshot.counters[MetricCounter::kRateLimited] = 3;
  snapshot.operator_requests[OperatorRequestStatus::kWaiting] = 2;
  snapshot.outbox.pending = 4;
  snapshot.outbox.failed = 1;
  snapshot.outbox.oldest_pending = At("2026-12-01 11:58:30");
  DeliveryBacklog ldap;
  ldap.target = "ldap";
  ldap.pending = 5;
  ldap.failed = 2;
  ldap.oldest_pending = At("2026-12-01 11:00:00");
  DeliveryBacklog odd;
  odd.target = "say \"hi\"\\\nnow";
  snapshot.deliveries = {ldap, odd};
  return snapshot;
}

BOOST_AUTO_TEST_CASE(EveryMetricHasHelpTypeAndItsSamples) {
  const std::string text = PrometheusText(Sample());
  struct Case {
    std::string line;
  };
  const std::vector<Case> cases = {
      {"# TYPE umin_passwd_codes_sent_total counter"},
      {"umin_passwd_codes_sent_total 12"},
      {"# TYPE umin_passwd_codes_verified_total counter"},
      // A counter never counted yet is there, at 0.
      {"umin_passwd_codes_verified_total 0"},
      {"umin_passwd_codes_wrong_total 0"},
      {"umin_passwd_codes_locked_total 0"},
      {"umin_passwd_codes_expired_total 0"},
      {"umin_passwd_password_changes_total 0"},
      {"umin_passwd_rate_limited_total 3"},
      {"umin_passwd_refused_requests_total 0"},
      {"umin_passwd_audit_rows_suppressed_total 0"},
      {"# TYPE umin_passwd_operator_requests gauge"},
      // Every state, 0 included.
      {"umin_passwd_operator_requests{state=\"new\"} 0"},
      {"umin_passwd_operator_requests{state=\"in_progress\"} 0"},
      {"umin_passwd_operator_requests{state=\"waiting\"} 2"},
      {"umin_passwd_operator_requests{state=\"closed\"} 0"},
      {"# TYPE umin_passwd_outbox_pending gauge"},
      {"umin_passwd_outbox_pending 4"},
      {"umin_passwd_outbox_failed 1"},
      {"umin_passwd_outbox_oldest_pending_seconds 90"},
      {"# TYPE umin_passwd_sync_pending gauge"},
      {"umin_passwd_sync_pending{target=\"ldap\"} 5"},
      {"umin_passwd_sync_failed{target=\"ldap\"} 2"},
      {"umin_passwd_sync_oldest_pending_seconds{target=\"ldap\"} 3600"},
      // Nothing pending: age 0. The label value is escaped.
      {"umin_passwd_sync_oldest_pending_seconds{target=\"say \\\"hi\\\"\\\\"
       "\\nnow\"} 0"},
  };
  for (const Case& c : cases) BOOST_TEST(HasLine(text, c.line), c.line);
  for (const MetricCounterEntry& entry : kMetricCounters) {
    BOOST_TEST(HasLine(text, "# HELP umin_passwd_" + std::string(entry.text) +
                                 "_total " + entry.help));
  }
}

BOOST_AUTO_TEST_CASE(EachFamilyIsWrittenOnceWithHelpBeforeType) {
  const std::string text = PrometheusText(Sample());
  size_t help = 0, type = 0;
  for (size_t at = 0; (at = text.find("# HELP ", at)) != std::string::npos;
       ++at) {
    ++help;
    const size_t end = text.find('\n', at);
    const std::string name =
        text.substr(at + 7, text.find(' ', at + 7) - (at + 7));
    BOOST_TEST(
        text.compare(end + 1, 7 + name.size() + 1, "# TYPE " + name + " ") == 0,
        name);
    BOOST_TEST(text.find("# HELP " + name + " ", at + 1) == std::string::npos,
               name);
  }
  for (size_t at = 0; (at = text.find("# TYPE ", at)) != std::string::npos;
       ++at) {
    ++type;
  }
  // 9 counters, operator requests, 3 outbox and 3 sync gauges.
  BOOST_TEST(help == 16u);
  BOOST_TEST(type == 16u);
}

BOOST_AUTO_TEST_CASE(AgesNeverGoBelowZero) {
  MetricsSnapshot snapshot = Sample();
  // A row stamped after `now` (a clock behind the database's writer).
  snapshot.outbox.oldest_pending = snapshot.now + std::chrono::seconds(30);
  BOOST_TEST(HasLine(PrometheusText(snapshot),
                     "umin_passwd_outbox_oldest_pending_seconds 0"));
}

}  // namespace
}  // namespace passwd
