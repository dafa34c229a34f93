// The audit log, newest (or oldest) first, filtered by event, UMIN ID,
// operator, JST date range and operator request; a page at a time, all in
// the database (console/pagination.h).
#include <algorithm>
#include <string>
#include <vector>

#include "base/catalogue.h"
#include "base/database.h"
#include "base/date.h"
#include "base/jst.h"
#include "base/paths.h"
#include "console/admin_page.h"
#include "console/admin_session.h"
#include "console/console_labels.h"
#include "console/pagination.h"
#include "console/record_id.h"
#include "domain/umin_id.h"
#include "store/audit_history.h"
#include "store/operators.h"

namespace passwd {
namespace {

// The count above the list stops here: more shows as "10000件以上".
constexpr int64_t kCountCap = 10000;
// The date parser the filter used before refused earlier years; no audit
// row is that old anyway.
constexpr int kFirstFilterYear = 1900;

// True for a string that can be an audit event name: lower-case letters and
// underscores.
bool IsEventName(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

// Parses a typed JST date; `*sql_time` becomes 00:00 JST of that day, or
// of the next when `next_day`.
bool ParseDay(const std::string& typed, bool next_day, std::string* sql_time) {
  Date d;
  if (!ParseDate(typed, &d) || d.year < kFirstFilterYear) return false;
  *sql_time = SqlTime(JstMidnight(d) + std::chrono::hours(next_day ? 24 : 0));
  return true;
}

// The filter as typed, and what it asks the log.
struct AuditFilter {
  std::string event, typed_id, operator_login, from, to, typed_request;
  AuditSearch search;
  std::vector<std::string> errors;  // shown above the table
  // A filter no row can match (an ID that does not normalise, an event
  // name that is not one) shows no rows without asking the database, whose
  // ASCII columns refuse to compare with other characters.
  bool matches_nothing = false;
};

AuditFilter ParseFilter(const Request& request, const PageRequest& asked) {
  AuditFilter f;
  f.search.newest_first = asked.newest_first;
  f.search.anchor_id = asked.anchor_id;
  f.search.backwards = asked.backwards;
  f.search.limit = kReadRows;
  f.event = request.Query("event");
  f.typed_id = request.Query("umin_id");
  f.operator_login = request.Query("operator");
  f.from = request.Query("from");
  f.to = request.Query("to");
  f.typed_request = request.Query("request");
  f.search.event = f.event;
  f.search.operator_name = f.operator_login;
  f.matches_nothing = !f.event.empty() && !IsEventName(f.event);
  if (!f.typed_id.empty()) {
    UminIdResult id = NormalizeUminId(f.typed_id);
    f.matches_nothing = f.matches_nothing || id.outcome != UminIdOutcome::kOk;
    f.search.umin_id = id.id;
  }
  if (!f.from.empty() && !ParseDay(f.from, false, &f.search.since)) {
    f.errors.push_back(ConsoleText("audit_error_from"));
  }
  if (!f.to.empty() && !ParseDay(f.to, true, &f.search.until)) {
    f.errors.push_back(ConsoleText("audit_error_to"));
  }
  if (!f.typed_request.empty() &&
      !ParseRecordId(f.typed_request, &f.search.request_ref)) {
    f.errors.push_back(ConsoleText("audit_error_request"));
  }
  return f;
}

// What the page shows.
struct PageData {
  std::vector<AuditRecord> records;
  std::vector<int64_t> ids;  // the records' ids
  int64_t count = 0;
  std::vector<std::string> event_names;
  std::vector<OperatorName> operators;
};

Status Load(SqlSession* session, const AuditFilter& filter, PageData* data) {
  *data = PageData{};
  Status s = ListAuditEventNames(session, &data->event_names);
  if (s.ok()) s = ListOperatorNames(session, &data->operators);
  if (!s.ok() || !filter.errors.empty() || filter.matches_nothing) return s;
  s = SearchAuditLog(session, filter.search, &data->records, &data->ids);
  if (s.ok())
    s = CountAuditLog(session, filter.search, kCountCap + 1, &data->count);
  return s;
}

void FillFilter(const AuditFilter& filter, const PageData& data,
                ctemplate::TemplateDictionary* dict) {
  for (const auto& event : data.event_names) {
    auto* o = dict->AddSectionDictionary("EVENT_OPTION");
    o->SetValue("VALUE", event);
    o->SetValue("LABEL", AuditEventLabel(event));
    if (event == filter.event) o->ShowSection("SELECTED");
  }
  for (const auto& op : data.operators) {
    auto* o = dict->AddSectionDictionary("OPERATOR_OPTION");
    o->SetValue("VALUE", op.login);
    o->SetValue("LABEL", op.display_name);
    if (op.login == filter.operator_login) o->ShowSection("SELECTED");
  }
  dict->SetValue("UMIN_ID", filter.typed_id);
  dict->SetValue("FROM", filter.from);
  dict->SetValue("TO", filter.to);
  dict->SetValue("REQUEST", filter.typed_request);
  for (const auto& error : filter.errors) {
    dict->AddSectionDictionary("FILTER_ERROR")->SetValue("TEXT", error);
  }
}

void FillRows(const std::vector<AuditRecord>& records, int64_t count,
              ctemplate::TemplateDictionary* dict) {
  for (const AuditRecord& record : records) {
    auto* r = dict->AddSectionDictionary("ROW");
    r->SetValue("AT", JstFromSql(record.occurred_at));
    r->SetValue("EVENT", record.event);
    r->SetValue("LABEL", AuditEventLabel(record.event));
    if (!record.umin_id.empty()) {
      r->AddSectionDictionary("ACCOUNT")->SetValue("UMIN_ID", record.umin_id);
    }
    r->SetValue("OPERATOR", record.operator_name);
    if (record.request_ref != 0) {
      r->ShowSection("REF");
      r->SetIntValue("REQUEST_REF", record.request_ref);
    }
    r->SetValue("ADDRESS", record.client_address);
    r->SetValue("DETAIL", record.detail);
  }
  dict->SetIntValue("COUNT", static_cast<long>(std::min(count, kCountCap)));
  if (count > kCountCap) dict->ShowSection("COUNT_CAPPED");
  dict->ShowSection(records.empty() ? "NONE" : "HAS_ROWS");
}

}  // namespace

Status HandleAudit(const Request& request, Env* env, const Operator& op,
                   Response* response) {
  const PageRequest asked = ReadPageRequest(request);
  const AuditFilter filter = ParseFilter(request, asked);
  PageData data;
  Status s = env->db()->Transaction(
      [&](SqlSession* session) { return Load(session, filter, &data); });
  if (!s.ok()) return s;
  const PageLinks links = TakePage(asked, &data.records, &data.ids);
  AdminPage page("admin_audit.tpl", ConsoleText("audit_title"));
  FillFilter(filter, data, page.dict());
  FillRows(data.records, data.count, page.dict());
  FillPageLinks(page.dict(), links, kAdminAuditPath,
                {{"event", filter.event},
                 {"umin_id", filter.typed_id},
                 {"operator", filter.operator_login},
                 {"from", filter.from},
                 {"to", filter.to},
                 {"request", filter.typed_request}});
  return RenderAdminPage(env, request, op, &page, response);
}

}  // namespace passwd

int main() {
  return passwd::RunConsolePage(
      {"admin-audit", {"GET"}, /*needs_operator=*/true, passwd::HandleAudit});
}
