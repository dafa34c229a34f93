// The queue of operator requests: filtered by status, searched by receipt
// number, UMIN ID or name; priority requests first, then the newest (or the
// oldest); a page at a time, all in the database (console/pagination.h).
#include <algorithm>
#include <vector>

#include "base/catalogue.h"
#include "base/jst.h"
#include "base/paths.h"
#include "console/admin_page.h"
#include "console/admin_session.h"
#include "console/pagination.h"
#include "console/queue_search.h"
#include "domain/umin_id.h"
#include "store/operator_requests.h"

namespace passwd {
namespace {

// The count above the list stops here: more shows as "10000件以上".
constexpr int64_t kCountCap = 10000;
// Requests whose search text one transaction completes.
constexpr int64_t kSearchTextBatch = 500;

// A view of the queue the status filter offers.
struct QueueView {
  std::string value;  // the query's status value
  std::string label;
  OperatorRequestFilter filter;
};

// "open" first (the default), then each status, then "all".
std::vector<QueueView> QueueViews() {
  std::vector<QueueView> views;
  views.push_back({"open", ConsoleText("queue_view_open"), {true, {}}});
  for (OperatorRequestStatus status : kOperatorRequestStatuses) {
    views.push_back({OperatorRequestStatusValue(status),
                     OperatorRequestStatusLabel(status),
                     {false, status}});
  }
  views.push_back({"all", ConsoleText("filter_all"), {false, {}}});
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
  row->SetValue("REASON", Text(Lang::kJa, std::string("reason_") +
                                     OperatorRequestReasonValue(r.reason)));
  row->SetValue("OPERATOR", r.operator_name);
}

}  // namespace

Status HandleQueue(const Request& request, Env* env, const Operator& op,
                   Response* response) {
  const std::vector<QueueView> views = QueueViews();
  const QueueView& view = ChosenView(views, request.Query("status"));
  const std::string typed = request.Query("q");
  const QueueSearch search = ParseQueueSearch(typed);

  const PageRequest asked = ReadPageRequest(request);
  OperatorRequestQuery query;
  query.filter = view.filter;
  query.newest_first = asked.newest_first;
  query.anchor_id = asked.anchor_id;
  query.backwards = asked.backwards;
  query.limit = kReadRows;
  const bool can_match = SetQueueSearch(search, &query);

  // Requests written without their search text (before sql/008, or by
  // hand) get it first, so that the search finds them.
  int64_t filled = 0;
  do {
    Status s = env->db()->Transaction([&](SqlSession* session) {
      return CompleteOperatorRequestSearchText(session, kSearchTextBatch,
                                               &filled);
    });
    if (!s.ok()) return s;
  } while (filled == kSearchTextBatch);

  std::vector<OperatorRequestRecord> requests;
  int64_t count = 0;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    requests.clear();
    if (!can_match) return Status::Ok();
    Status s = ListOperatorRequestPage(session, query, &requests);
    if (s.ok())
      s = CountOperatorRequests(session, query, kCountCap + 1, &count);
    return s;
  });
  if (!s.ok()) return s;
  std::vector<int64_t> ids;
  for (const auto& r : requests) ids.push_back(r.id);
  const PageLinks links = TakePage(asked, &requests, &ids);

  AdminPage page("admin_queue.tpl", ConsoleText("queue_title"));
  auto* dict = page.dict();
  for (const auto& option : views) {
    auto* o = dict->AddSectionDictionary("STATUS_OPTION");
    o->SetValue("VALUE", option.value);
    o->SetValue("LABEL", option.label);
    if (&option == &view) o->ShowSection("SELECTED");
  }
  dict->SetValue("QUERY", typed);
  for (const auto& r : requests) {
    FillRow(r, dict->AddSectionDictionary("ROW"));
  }
  dict->SetIntValue("COUNT", static_cast<long>(std::min(count, kCountCap)));
  if (count > kCountCap) dict->ShowSection("COUNT_CAPPED");
  dict->ShowSection(requests.empty() ? "NONE" : "HAS_ROWS");
  FillPageLinks(dict, links, kAdminHomePath,
                {{"status", view.value}, {"q", typed}});
  return RenderAdminPage(env, request, op, &page, response);
}

}  // namespace passwd

int main() {
  return passwd::RunConsolePage(
      {"admin-queue", {"GET"}, /*needs_operator=*/true, passwd::HandleQueue});
}
