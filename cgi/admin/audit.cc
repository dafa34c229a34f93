// The audit log, newest first, filtered by event, UMIN ID, operator, JST
// date range and operator request.
#include <algorithm>
#include <ctime>
#include <vector>

#include "console/admin_console.h"
#include "console/admin_session.h"
#include "domain/identity.h"
#include "domain/umin_id.h"
#include "web/fcgi_main.h"

namespace passwd {
namespace {

const char kFindEvents[] =
    "SELECT occurred_at, event, umin_id, operator_name, request_ref, "
    "client_address, detail FROM audit_log "
    "WHERE (? = '' OR event = ?) AND (? = '' OR umin_id = ?) "
    "AND (? = '' OR operator_name = ?) AND (? = 0 OR request_ref = ?) "
    "AND occurred_at >= ? AND occurred_at < ? "
    "ORDER BY id DESC LIMIT 501";
const char kEventNames[] =
    "SELECT DISTINCT event FROM audit_log ORDER BY event";
const char kOperators[] =
    "SELECT login, display_name FROM operators ORDER BY login";

constexpr size_t kMaxRows = 500;

// True for a string that can be an audit event name: lower-case letters and
// underscores.
bool IsEventName(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

// The UTC time of 00:00 JST on `date`, as SQL text.
std::string JstMidnight(const Date& date) {
  std::tm tm{};
  tm.tm_year = date.year - 1900;
  tm.tm_mon = date.month - 1;
  tm.tm_mday = date.day;
  return SqlTime(std::chrono::system_clock::from_time_t(timegm(&tm)) -
                 std::chrono::hours(9));
}

// Parses a typed JST date; `*sql_time` becomes 00:00 JST of that day, or
// of the next when `next_day`.
bool ParseDay(const std::string& typed, bool next_day, std::string* sql_time) {
  Date d;
  if (!ParseBirthDate(typed, Date{9999, 12, 31}, &d).ok()) return false;
  std::string midnight = JstMidnight(d);
  if (next_day) {
    std::chrono::system_clock::time_point t;
    if (!ParseSqlTime(midnight, &t).ok()) return false;
    midnight = SqlTime(t + std::chrono::hours(24));
  }
  *sql_time = midnight;
  return true;
}

}  // namespace

Status HandleAudit(const Request& request, Env* env, Response* response) {
  Operator op;
  Status s = RequireOperator(request, env, response, &op);
  if (!s.ok() || !op.signed_in()) return s;

  const std::string event = request.Query("event");
  const std::string typed_id = request.Query("umin_id");
  const std::string operator_login = request.Query("operator");
  const std::string from = request.Query("from");
  const std::string to = request.Query("to");
  const std::string typed_request = request.Query("request");

  std::vector<std::string> errors;
  // A filter no row can match (an ID that does not normalise, an event name
  // that is not one) shows no rows without asking the database, whose
  // ASCII columns refuse to compare with other characters.
  bool matches_nothing = !event.empty() && !IsEventName(event);
  std::string umin_id;
  if (!typed_id.empty()) {
    UminIdResult id = NormalizeUminId(typed_id);
    matches_nothing = matches_nothing || id.outcome != UminIdOutcome::kOk;
    umin_id = id.id;
  }
  std::string since = "1000-01-01 00:00:00", until = "9999-12-31 00:00:00";
  if (!from.empty() && !ParseDay(from, false, &since)) {
    errors.push_back("開始日はyyyy/mm/ddの形式で入力してください。");
  }
  if (!to.empty() && !ParseDay(to, true, &until)) {
    errors.push_back("終了日はyyyy/mm/ddの形式で入力してください。");
  }
  int64_t request_ref = 0;
  if (!typed_request.empty() && !ParseRecordId(typed_request, &request_ref)) {
    errors.push_back("申請の番号は数字で入力してください。");
  }

  std::vector<SqlRow> rows, event_names, operators;
  s = env->db()->Transaction([&](SqlSession* session) {
    rows.clear();
    event_names.clear();
    operators.clear();
    Status t = session->Query(kEventNames, {}, &event_names);
    if (t.ok()) t = session->Query(kOperators, {}, &operators);
    if (!t.ok() || !errors.empty() || matches_nothing) return t;
    return session->Query(
        kFindEvents,
        {event, event, umin_id, umin_id, operator_login, operator_login,
         request_ref, request_ref, since, until},
        &rows);
  });
  if (!s.ok()) return s;

  AdminPage page("admin_audit.tpl", "監査ログ");
  auto* dict = page.dict();
  for (const auto& row : event_names) {
    auto* o = dict->AddSectionDictionary("EVENT_OPTION");
    o->SetValue("VALUE", row.Text(0));
    o->SetValue("LABEL", AuditEventLabel(row.Text(0)));
    if (row.Text(0) == event) o->ShowSection("SELECTED");
  }
  for (const auto& row : operators) {
    auto* o = dict->AddSectionDictionary("OPERATOR_OPTION");
    o->SetValue("VALUE", row.Text(0));
    o->SetValue("LABEL", row.Text(1));
    if (row.Text(0) == operator_login) o->ShowSection("SELECTED");
  }
  dict->SetValue("UMIN_ID", typed_id);
  dict->SetValue("FROM", from);
  dict->SetValue("TO", to);
  dict->SetValue("REQUEST", typed_request);
  for (const auto& error : errors) {
    dict->AddSectionDictionary("FILTER_ERROR")->SetValue("TEXT", error);
  }
  const size_t shown = std::min(rows.size(), kMaxRows);
  for (size_t i = 0; i < shown; ++i) {
    const SqlRow& row = rows[i];
    auto* r = dict->AddSectionDictionary("ROW");
    r->SetValue("AT", JstFromSql(row.Text(0)));
    r->SetValue("EVENT", row.Text(1));
    r->SetValue("LABEL", AuditEventLabel(row.Text(1)));
    r->SetValue("UMIN_ID", row.Text(2));
    r->SetValue("OPERATOR", row.Text(3));
    if (!row.IsNull(4)) {
      r->ShowSection("REF");
      r->SetValue("REQUEST_REF", row.Text(4));
    }
    r->SetValue("ADDRESS", row.Text(5));
    r->SetValue("DETAIL", row.Text(6));
  }
  dict->SetIntValue("COUNT", static_cast<long>(shown));
  if (rows.size() > kMaxRows) {
    dict->ShowSection("TRUNCATED");
    dict->SetIntValue("LIMIT", static_cast<long>(kMaxRows));
  }
  dict->ShowSection(shown == 0 ? "NONE" : "HAS_ROWS");
  return RenderAdminPage(env, request, op, &page, response);
}

}  // namespace passwd

int main() {
  return passwd::RunPage({"admin-audit", {"GET"}, passwd::HandleAudit});
}
