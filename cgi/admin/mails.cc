// Mails that failed for good (mail_outbox rows in the failed state), newest
// first, a page at a time (GET ?before=<id> for the next page), each with
// the "retry now" form that cgi/admin/mail_retry.cc performs. Never a body.
#include <algorithm>
#include <string>
#include <vector>

#include "base/catalogue.h"
#include "base/database.h"
#include "base/jst.h"
#include "base/text.h"
#include "console/admin_page.h"
#include "console/admin_session.h"
#include "console/console_labels.h"
#include "console/record_id.h"
#include "mail/outbox.h"

namespace passwd {
namespace {

// Rows per page; one more is read to tell whether there is a next page.
constexpr int64_t kPageRows = 50;

void FillRows(const std::vector<MailRecord>& mails,
              ctemplate::TemplateDictionary* dict) {
  const size_t shown = std::min(mails.size(), static_cast<size_t>(kPageRows));
  for (size_t i = 0; i < shown; ++i) {
    const MailRecord& m = mails[i];
    auto* row = dict->AddSectionDictionary("ROW");
    row->SetIntValue("ID", m.id);
    row->SetValue("CREATED_AT", JstFromSql(m.created_at));
    row->SetValue("KIND", MailKindLabel(m.kind));
    row->SetValue("RECIPIENT", m.recipient);
    row->SetIntValue("ATTEMPTS", m.attempts);
    row->SetValue("LAST_ERROR", m.last_error);
    row->ShowSection(m.carried_secret ? "NO_RETRY" : "CAN_RETRY");
  }
  dict->ShowSection(shown == 0 ? "NONE" : "HAS_ROWS");
  if (mails.size() > shown) {
    dict->AddSectionDictionary("OLDER")->SetIntValue("BEFORE",
                                                     mails[shown - 1].id);
  }
}

}  // namespace

Status HandleMails(const Request& request, Env* env, const Operator& op,
                   Response* response) {
  const std::string typed_before = request.Query("before");
  int64_t before = 0;
  if (!typed_before.empty() && !ParseRecordId(typed_before, &before)) {
    return RefuseConsoleRequest(
        env, request, op,
        {400, "failed mails: bad page " + Utf8Prefix(typed_before, 40)},
        response);
  }
  std::vector<MailRecord> mails;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    return ListFailedMail(session, before, kPageRows + 1, &mails);
  });
  if (!s.ok()) return s;
  AdminPage page("admin_mails.tpl", ConsoleText("mails_title"));
  auto* dict = page.dict();
  int64_t retried = 0;
  if (ParseRecordId(request.Query("retried"), &retried)) {
    dict->AddSectionDictionary("FLASH")->SetIntValue("ID", retried);
  }
  if (before != 0) dict->ShowSection("NOT_FIRST");
  FillRows(mails, dict);
  return RenderAdminPage(env, request, op, &page, response);
}

}  // namespace passwd

int main() {
  return passwd::RunConsolePage(
      {"admin-mails", {"GET"}, /*needs_operator=*/true, passwd::HandleMails});
}
