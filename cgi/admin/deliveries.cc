// The failed deliveries of new passwords to the propagation targets, newest
// first, a page of kPerPage at a time (paginated in the database), each
// with its account (linked to the account view), target, tries, last error,
// last and next try in JST, and a "retry now" button (delivery_retry).
#include <string>
#include <vector>

#include "base/catalogue.h"
#include "base/jst.h"
#include "base/paths.h"
#include "console/admin_page.h"
#include "console/admin_session.h"
#include "console/record_id.h"
#include "flow/password_sync.h"

namespace passwd {
namespace {

constexpr int64_t kPerPage = 50;
// A page number past this is refused as bad input rather than scanned.
constexpr int64_t kMaxPage = 100000;

// The page asked for: 1 when absent; 0 when it is not a page number.
int64_t PageNumber(const Request& request) {
  const std::string typed = request.Query("page");
  if (typed.empty()) return 1;
  int64_t page = 0;
  if (!ParseRecordId(typed, &page) || page > kMaxPage) return 0;
  return page;
}

// A JST time, or `none` for an empty SQL time.
std::string JstOr(const std::string& sql_time, const std::string& none) {
  return sql_time.empty() ? none : JstFromSql(sql_time);
}

void FillRows(const std::vector<FailedDelivery>& rows, int64_t page,
              ctemplate::TemplateDictionary* dict) {
  const size_t shown = std::min(rows.size(), static_cast<size_t>(kPerPage));
  for (size_t i = 0; i < shown; ++i) {
    const FailedDelivery& d = rows[i];
    auto* r = dict->AddSectionDictionary("ROW");
    r->SetIntValue("ID", d.id);
    r->SetValue("UMIN_ID", d.umin_id);
    r->SetValue("TARGET", d.target);
    r->SetIntValue("ATTEMPTS", d.attempts);
    r->SetValue("LAST_ERROR", d.last_error);
    r->SetValue("LAST_TRY_AT", JstOr(d.last_try_at, "-"));
    r->SetValue("NEXT_TRY_AT",
                JstOr(d.next_try_at, ConsoleText("deliveries_next_try_now")));
    r->SetValue("CREATED_AT", JstFromSql(d.created_at));
    r->SetIntValue("PAGE", page);
  }
  dict->ShowSection(shown == 0 ? "NONE" : "HAS_ROWS");
  dict->SetIntValue("PAGE", page);
  dict->SetIntValue("PER_PAGE", kPerPage);
  if (page > 1) {
    dict->AddSectionDictionary("PREVIOUS")->SetIntValue("NUMBER", page - 1);
  }
  if (rows.size() > shown) {
    dict->AddSectionDictionary("NEXT")->SetIntValue("NUMBER", page + 1);
  }
}

}  // namespace

Status HandleDeliveries(const Request& request, Env* env, const Operator& op,
                        Response* response) {
  const int64_t page = PageNumber(request);
  if (page == 0) return Status::InvalidInput("page: not a page number");
  std::vector<FailedDelivery> rows;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    // One more than a page: whether there is a next one.
    return ListFailedDeliveries(session, (page - 1) * kPerPage, kPerPage + 1,
                                &rows);
  });
  if (!s.ok()) return s;
  AdminPage admin_page("admin_deliveries.tpl", ConsoleText("deliveries_title"));
  if (request.Query("done") == "retry") {
    admin_page.dict()->AddSectionDictionary("FLASH")->SetValue(
        "TEXT", ConsoleText("deliveries_retried"));
  }
  FillRows(rows, page, admin_page.dict());
  return RenderAdminPage(env, request, op, &admin_page, response);
}

}  // namespace passwd

int main() {
  return passwd::RunConsolePage({"admin-deliveries",
                                 {"GET"},
                                 /*needs_operator=*/true,
                                 passwd::HandleDeliveries});
}
