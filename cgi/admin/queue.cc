// The queue of operator requests: filtered by status, searched by receipt
// number, UMIN ID or name; priority requests first, then the oldest.
#include <vector>

#include "base/jst.h"
#include "console/admin_page.h"
#include "console/admin_session.h"
#include "console/queue_search.h"
#include "domain/umin_id.h"
#include "store/operator_requests.h"

namespace passwd {
namespace {

// Rows read for one view, and rows shown of those that match the search.
constexpr size_t kMaxRowsRead = 5000;
constexpr size_t kMaxRowsShown = 500;

// A view of the queue the status filter offers.
struct QueueView {
  std::string value;  // the query's status value
  std::string label;
  OperatorRequestFilter filter;
};

// "open" first (the default), then each status, then "all".
std::vector<QueueView> QueueViews() {
  std::vector<QueueView> views;
  views.push_back({"open", "未完了（新規・対応中・対応待ち）", {true, {}}});
  for (OperatorRequestStatus status : kOperatorRequestStatuses) {
    views.push_back({OperatorRequestStatusValue(status),
                     OperatorRequestStatusLabel(status),
                     {false, status}});
  }
  views.push_back({"all", "すべて", {false, {}}});
  return views;
}

// The view the query names, or "open" when it names none.
const QueueView& ChosenView(const std::vector<QueueView>& views,
                            const std::string& value) {
  for (const auto& view : views) {
    if (value == view.value) return view;
  }
  return views.front();
}

void FillRow(const OperatorRequestRecord& r,
             ctemplate::TemplateDictionary* row) {
  row->SetIntValue("ID", r.id);
  row->SetValue("RECEIPT", r.receipt_number);
  if (r.priority) row->ShowSection("PRIORITY");
  row->SetValue("STATUS", OperatorRequestStatusValue(r.status));
  row->SetValue("STATUS_LABEL", OperatorRequestStatusLabel(r.status));
  row->SetValue("CREATED_AT", JstFromSql(r.created_at));
  row->SetValue("FAMILY_NAME", r.family_name);
  row->SetValue("GIVEN_NAME", r.given_name);
  row->SetValue("FAMILY_READING", r.family_reading);
  row->SetValue("GIVEN_READING", r.given_reading);
  row->SetValue("UMIN_ID", r.umin_id);
  const UminIdResult id = NormalizeUminId(r.umin_id);
  if (id.outcome == UminIdOutcome::kOk) {
    auto* link = row->AddSectionDictionary("ACCOUNT_LINK");
    link->SetValue("ACCOUNT_ID", id.id);
    link->SetValue("TEXT", r.umin_id);
  } else {
    row->ShowSection("NO_ACCOUNT_LINK");
  }
  row->SetValue("REASON", OperatorRequestReasonLabel(r.reason));
  row->SetValue("OPERATOR", r.operator_name);
}

}  // namespace

Status HandleQueue(const Request& request, Env* env, const Operator& op,
                   Response* response) {
  const std::vector<QueueView> views = QueueViews();
  const QueueView& view = ChosenView(views, request.Query("status"));
  const std::string typed = request.Query("q");
  const QueueSearch search = ParseQueueSearch(typed);

  std::vector<OperatorRequestRecord> requests;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    requests.clear();
    return ListOperatorRequests(session, view.filter,
                                static_cast<int64_t>(kMaxRowsRead) + 1,
                                &requests);
  });
  if (!s.ok()) return s;
  // More than kMaxRowsRead requests in this view: search the oldest ones
  // only, and say so.
  const bool over_read_limit = requests.size() > kMaxRowsRead;
  if (over_read_limit) requests.resize(kMaxRowsRead);

  AdminPage page("admin_queue.tpl", "受付一覧");
  auto* dict = page.dict();
  for (const auto& option : views) {
    auto* o = dict->AddSectionDictionary("STATUS_OPTION");
    o->SetValue("VALUE", option.value);
    o->SetValue("LABEL", option.label);
    if (&option == &view) o->ShowSection("SELECTED");
  }
  dict->SetValue("QUERY", typed);
  size_t matched = 0;
  for (const auto& r : requests) {
    if (!QueueSearchMatches(search, r)) continue;
    if (++matched > kMaxRowsShown) continue;
    FillRow(r, dict->AddSectionDictionary("ROW"));
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
  return passwd::RunConsolePage(
      {"admin-queue", {"GET"}, /*needs_operator=*/true, passwd::HandleQueue});
}
