// The metrics page for Prometheus: counters and backlogs in the text
// exposition format. Behind the console's address allow-list like every
// console page, but without a session (a scraper has none); it shows only
// counts, ages and target names, and writes nothing.
#include "console/metrics.h"

#include "console/admin_page.h"

namespace passwd {

Status HandleMetrics(const Request& /*request*/, Env* env,
                     const Operator& /*op*/, Response* response) {
  MetricsSnapshot snapshot;
  Status s = ReadMetrics(env, &snapshot);
  if (!s.ok()) return s;
  response->SetText(PrometheusText(snapshot));
  response->SetHeader("Content-Type", kPrometheusContentType);
  return Status::Ok();
}

}  // namespace passwd

int main() {
  return passwd::RunConsolePage({"admin-metrics",
                                 {"GET"},
                                 /*needs_operator=*/false,
                                 passwd::HandleMetrics});
}
