// The queue of operator requests: filtered by status, searched by receipt
// number, UMIN ID or name; priority requests first, then the oldest.
#include <vector>

#include "console/admin_console.h"
#include "console/admin_session.h"
#include "web/fcgi_main.h"

namespace passwd {
namespace {

// Rows read for one view, and rows shown of those that match the search.
constexpr size_t kMaxRowsRead = 5000;
constexpr size_t kMaxRowsShown = 500;

struct StatusOption {
  const char* value;
  const char* label;
};

constexpr StatusOption kStatusOptions[] = {
    {"open", "未完了（新規・対応中・対応待ち）"},
    {"new", "新規"},
    {"in_progress", "対応中"},
    {"waiting", "利用者の対応待ち"},
    {"closed", "完了"},
    {"all", "すべて"},
};

bool KnownFilter(const std::string& value) {
  for (const auto& option : kStatusOptions) {
    if (value == option.value) return true;
  }
  return false;
}

}  // namespace

Status HandleQueue(const Request& request, Env* env, Response* response) {
  Operator op;
  Status s = RequireOperator(request, env, response, &op);
  if (!s.ok() || !op.signed_in()) return s;

  std::string filter = request.Query("status");
  if (!KnownFilter(filter)) filter = "open";
  const std::string typed = request.Query("q");
  const QueueSearch search = ParseQueueSearch(typed);

  std::vector<OperatorRequestRecord> requests;
  s = env->db()->Transaction([&](SqlSession* session) {
    requests.clear();
    return ListOperatorRequests(
        session, filter, static_cast<int64_t>(kMaxRowsRead) + 1, &requests);
  });
  if (!s.ok()) return s;
  // More than kMaxRowsRead requests in this view: search the oldest ones
  // only, and say so.
  const bool over_read_limit = requests.size() > kMaxRowsRead;
  if (over_read_limit) requests.resize(kMaxRowsRead);

  AdminPage page("admin_queue.tpl", "受付一覧");
  auto* dict = page.dict();
  for (const auto& option : kStatusOptions) {
    auto* o = dict->AddSectionDictionary("STATUS_OPTION");
    o->SetValue("VALUE", option.value);
    o->SetValue("LABEL", option.label);
    if (filter == option.value) o->ShowSection("SELECTED");
  }
  dict->SetValue("QUERY", typed);
  size_t matched = 0;
  for (const auto& r : requests) {
    if (!QueueSearchMatches(search, r)) continue;
    if (++matched > kMaxRowsShown) continue;
    auto* row = dict->AddSectionDictionary("ROW");
    row->SetIntValue("ID", r.id);
    row->SetValue("RECEIPT", r.receipt_number);
    if (r.priority) row->ShowSection("PRIORITY");
    row->SetValue("STATUS", r.status);
    row->SetValue("STATUS_LABEL", RequestStatusLabel(r.status));
    row->SetValue("CREATED_AT", JstFromSql(r.created_at));
    row->SetValue("FAMILY_NAME", r.family_name);
    row->SetValue("GIVEN_NAME", r.given_name);
    row->SetValue("FAMILY_READING", r.family_reading);
    row->SetValue("GIVEN_READING", r.given_reading);
    row->SetValue("UMIN_ID", r.umin_id);
    row->SetValue("REASON", RequestReasonLabel(r.reason));
    row->SetValue("OPERATOR", r.operator_name);
  }
  dict->SetIntValue("COUNT", static_cast<long>(matched));
  if (matched > kMaxRowsShown) {
    dict->ShowSection("TRUNCATED");
    dict->SetIntValue("SHOWN", static_cast<long>(kMaxRowsShown));
  }
  if (over_read_limit) {
    dict->ShowSection("READ_LIMIT");
    dict->SetIntValue("READ_MAX", static_cast<long>(kMaxRowsRead));
  }
  dict->ShowSection(matched == 0 ? "NONE" : "HAS_ROWS");
  return RenderAdminPage(env, request, op, &page, response);
}

}  // namespace passwd

int main() {
  return passwd::RunPage({"admin-queue", {"GET"}, passwd::HandleQueue});
}
