// bench_console: times the console's list queries (the queue with its
// search, the audit log) against a scratch database filled by
// scripts/bench-console (100,000 operator requests, 1,000,000 audit rows),
// beside a floor measured in the same run: a plain primary-key read of one
// page of the same table. A measurement, not a test: it exits 0 once it ran.
//
// Usage: PASSWD_CONFIG=<config naming the scratch database> bench_console
//        [runs per case]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "base/config.h"
#include "base/env.h"
#include "console/pagination.h"
#include "console/queue_search.h"
#include "store/audit_history.h"
#include "store/operator_requests.h"

namespace passwd {
namespace {

// The floors: one page by primary key, every column.
const char kRequestFloor[] =
    "SELECT * FROM operator_requests ORDER BY id DESC LIMIT 51";
const char kAuditFloor[] = "SELECT * FROM audit_log ORDER BY id DESC LIMIT 51";
// Anchors deep in the lists, and a rare name to search for.
const char kMiddleRequest[] =
    "SELECT id FROM operator_requests ORDER BY id LIMIT 1 OFFSET 50000";
const char kMiddleAudit[] =
    "SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 500000";
const char kSomeReceipt[] =
    "SELECT receipt_number FROM operator_requests ORDER BY id LIMIT 1 "
    "OFFSET 12345";

int runs = 15;

// Runs `work` in a transaction `runs` times; its median in milliseconds.
double MedianMs(Env* env, const std::function<Status(SqlSession*)>& work) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    Status s = env->db()->Transaction(work);
    const std::chrono::duration<double, std::milli> took =
        std::chrono::steady_clock::now() - start;
    if (!s.ok()) {
      std::cerr << "bench_console: " << s.ToString() << "\n";
      std::exit(1);
    }
    times.push_back(took.count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

void Print(const std::string& name, double page_ms, double count_ms,
           size_t rows, int64_t count) {
  std::printf("%-46s %9.2f %9.2f %6zu %7lld\n", name.c_str(), page_ms, count_ms,
              rows, static_cast<long long>(count));
}

int64_t Int(Env* env, const char* statement) {
  int64_t value = 0;
  MedianMs(env, [&](SqlSession* session) {
    std::vector<SqlRow> rows;
    Status s = session->Query(statement, {}, &rows);
    if (s.ok() && !rows.empty()) value = rows[0].Int(0);
    return s;
  });
  return value;
}

std::string Text(Env* env, const char* statement) {
  std::string value;
  MedianMs(env, [&](SqlSession* session) {
    std::vector<SqlRow> rows;
    Status s = session->Query(statement, {}, &rows);
    if (s.ok() && !rows.empty()) value = rows[0].Text(0);
    return s;
  });
  return value;
}

void Floor(Env* env, const std::string& name, const char* statement) {
  size_t n = 0;
  double ms = MedianMs(env, [&](SqlSession* session) {
    std::vector<SqlRow> rows;
    Status s = session->Query(statement, {}, &rows);
    n = rows.size();
    return s;
  });
  Print(name, ms, 0, n, 0);
}

void Queue(Env* env, const std::string& name, OperatorRequestQuery query,
           const std::string& typed = "") {
  query.limit = kReadRows;
  SetQueueSearch(ParseQueueSearch(typed), &query);
  size_t n = 0;
  int64_t count = 0;
  double page_ms = MedianMs(env, [&](SqlSession* session) {
    std::vector<OperatorRequestRecord> rows;
    Status s = ListOperatorRequestPage(session, query, &rows);
    n = rows.size();
    return s;
  });
  double count_ms = MedianMs(env, [&](SqlSession* session) {
    return CountOperatorRequests(session, query, 10000, &count);
  });
  Print(name, page_ms, count_ms, n, count);
}

void Audit(Env* env, const std::string& name, AuditSearch search) {
  search.limit = kReadRows;
  size_t n = 0;
  int64_t count = 0;
  double page_ms = MedianMs(env, [&](SqlSession* session) {
    std::vector<AuditRecord> rows;
    std::vector<int64_t> ids;
    Status s = SearchAuditLog(session, search, &rows, &ids);
    n = rows.size();
    return s;
  });
  double count_ms = MedianMs(env, [&](SqlSession* session) {
    return CountAuditLog(session, search, 10000, &count);
  });
  Print(name, page_ms, count_ms, n, count);
}

}  // namespace
}  // namespace passwd

int main(int argc, char** argv) {
  using namespace passwd;
  if (argc > 2 || (argc == 2 && std::atoi(argv[1]) <= 0)) {
    std::cerr << "usage: bench_console [runs per case]\n";
    return 2;
  }
  if (argc == 2) runs = std::atoi(argv[1]);
  Config config;
  Status s = LoadConfigFromEnvironment(&config);
  if (!s.ok()) {
    std::cerr << "bench_console: " << s.ToString() << "\n";
    return 1;
  }
  ProcessEnv env(config);
  const int64_t middle_request = Int(&env, kMiddleRequest);
  const int64_t middle_audit = Int(&env, kMiddleAudit);
  const std::string receipt = Text(&env, kSomeReceipt);

  std::printf("median of %d runs, milliseconds\n", runs);
  std::printf("%-46s %9s %9s %6s %7s\n", "case", "page", "count", "rows",
              "count");
  Floor(&env, "requests: floor (51 rows by primary key)", kRequestFloor);
  OperatorRequestQuery open;
  open.filter = {true, {}};
  Queue(&env, "queue open, newest, first page", open);
  OperatorRequestQuery all;
  Queue(&env, "queue all, newest, first page", all);
  OperatorRequestQuery deep = all;
  deep.anchor_id = middle_request;
  Queue(&env, "queue all, newest, page at row 50,000", deep);
  deep.backwards = true;
  Queue(&env, "queue all, newest, previous at row 50,000", deep);
  OperatorRequestQuery last = all;
  last.backwards = true;
  Queue(&env, "queue all, newest, last page", last);
  OperatorRequestQuery closed;
  closed.filter = {false, OperatorRequestStatus::kClosed};
  closed.newest_first = false;
  closed.anchor_id = middle_request;
  Queue(&env, "queue closed, oldest, page at row 50,000", closed);
  Queue(&env, "queue all, search a receipt number", all, receipt);
  Queue(&env, "queue all, search a UMIN ID", all, "bench-12345");
  Queue(&env, "queue all, search a common name part", all, "山田");
  Queue(&env, "queue all, search a rare reading", all, "ごひゃくいち");
  Queue(&env, "queue all, search nothing matches", all, "存在しない名前");

  Floor(&env, "audit: floor (51 rows by primary key)", kAuditFloor);
  AuditSearch audit;
  Audit(&env, "audit, newest, first page", audit);
  AuditSearch audit_deep = audit;
  audit_deep.anchor_id = middle_audit;
  Audit(&env, "audit, newest, page at row 500,000", audit_deep);
  AuditSearch audit_oldest = audit;
  audit_oldest.newest_first = false;
  Audit(&env, "audit, oldest, first page", audit_oldest);
  AuditSearch audit_last = audit;
  audit_last.backwards = true;
  Audit(&env, "audit, newest, last page", audit_last);
  AuditSearch by_event = audit;
  by_event.event = "bench_event_3";
  Audit(&env, "audit, one event", by_event);
  AuditSearch by_id = audit;
  by_id.umin_id = "bench-12345";
  Audit(&env, "audit, one UMIN ID", by_id);
  AuditSearch by_operator = audit;
  by_operator.operator_name = "bench-op-2";
  Audit(&env, "audit, one operator", by_operator);
  AuditSearch by_request = audit;
  by_request.request_ref = 4242;
  Audit(&env, "audit, one request", by_request);
  AuditSearch by_day = audit;
  by_day.since = "2025-06-01 00:00:00";
  by_day.until = "2025-06-02 00:00:00";
  Audit(&env, "audit, one day", by_day);
  AuditSearch by_event_day = by_day;
  by_event_day.event = "bench_event_3";
  Audit(&env, "audit, one event on one day", by_event_day);
  return 0;
}
