// One account (GET ?id=<UMIN ID>): its data, each password change with every
// target's delivery (and a "retry now" form beside a pending or failed
// one), its flows, the operator requests about it, the mails to its
// addresses and its latest audit rows. Never a code, token, hash or mail
// body: the records it reads hold none of them.
#include <optional>
#include <string>
#include <vector>

#include "base/catalogue.h"
#include "base/database.h"
#include "base/jst.h"
#include "base/text.h"
#include "console/admin_page.h"
#include "console/admin_session.h"
#include "console/console_labels.h"
#include "domain/umin_id.h"
#include "flow/password_change_history.h"
#include "flow/reset_flow.h"
#include "mail/outbox.h"
#include "store/accounts.h"
#include "store/audit_history.h"
#include "store/operator_requests.h"

namespace passwd {
namespace {

// Rows shown per section, newest first (the audit page has every row).
constexpr int64_t kMaxChanges = 20;
constexpr int64_t kMaxFlows = 20;
constexpr int64_t kMaxRequests = 20;
constexpr int64_t kMaxMails = 30;

struct PageData {
  Account account;
  std::vector<std::string> addresses;  // AccountRecipients
  std::vector<PasswordChangeRecord> changes;
  std::vector<FlowRecord> flows;
  std::vector<OperatorRequestRecord> requests;
  std::vector<MailRecord> mails;
  std::vector<AuditRecord> events;
};

// Reads everything the page shows; `*found` false for an unknown account.
Status Load(Env* env, SqlSession* session, const std::string& umin_id,
            bool* found, PageData* data) {
  *data = PageData{};
  std::optional<Account> account;
  Status s = FindAccount(session, umin_id, /*for_update=*/false, &account);
  *found = s.ok() && account.has_value();
  if (!*found) return s;
  data->account = *account;
  data->addresses = AccountRecipients(*account, env->config().umin_mail_domain);
  s = ListPasswordChanges(session, umin_id, kMaxChanges, &data->changes);
  if (s.ok()) s = ListAccountFlows(session, umin_id, kMaxFlows, &data->flows);
  if (s.ok()) {
    s = ListAccountOperatorRequests(session, umin_id, kMaxRequests,
                                    &data->requests);
  }
  // Mails to the account's addresses, and to the contact addresses of the
  // requests about it (their receipts and answers).
  std::vector<std::string> recipients = data->addresses;
  for (const auto& r : data->requests) recipients.push_back(r.contact_mail);
  if (s.ok())
    s = ListMailForAccount(session, recipients, kMaxMails, &data->mails);
  if (s.ok()) s = LatestAccountEvents(session, umin_id, &data->events);
  return s;
}

// JST text of a stored time, or `none` when there is none.
std::string JstOr(const std::string& sql_time, const std::string& none) {
  return sql_time.empty() ? none : JstFromSql(sql_time);
}

void FillDelivery(const DeliveryRecord& d, ctemplate::TemplateDictionary* row) {
  row->SetIntValue("ID", d.id);
  row->SetValue("TARGET", d.target);
  row->SetValue("STATE", DeliveryStateValue(d.state));
  row->SetValue("STATE_LABEL", DeliveryStateLabel(d.state));
  row->SetIntValue("ATTEMPTS", d.attempts);
  row->SetValue("LAST_ERROR", d.last_error);
  switch (d.state) {
    case DeliveryState::kDelivered:
      row->SetValue("WHEN", FormatConsoleText("delivery_delivered_at",
                                              {{"at", JstOr(d.done_at, "-")}}));
      break;
    case DeliveryState::kPending:
    case DeliveryState::kFailed:
      row->SetValue(
          "WHEN", FormatConsoleText(
                      "delivery_next_try_at",
                      {{"at", JstOr(d.next_try_at,
                                    ConsoleText("delivery_next_try_soon"))}}));
      row->ShowSection("CAN_RETRY");
      break;
    case DeliveryState::kSuperseded:
      row->SetValue("WHEN", "-");
      break;
  }
}

void FillChanges(const PageData& data, ctemplate::TemplateDictionary* dict) {
  dict->SetIntValue("CHANGE_LIMIT", kMaxChanges);
  if (data.changes.empty()) dict->ShowSection("NO_CHANGE");
  for (const auto& change : data.changes) {
    auto* c = dict->AddSectionDictionary("CHANGE");
    c->SetIntValue("CHANGE_ID", change.id);
    c->SetValue("CHANGED_AT", JstFromSql(change.changed_at));
    c->ShowSection(change.deliveries.empty() ? "NO_DELIVERY"
                                             : "HAS_DELIVERIES");
    for (const auto& d : change.deliveries) {
      FillDelivery(d, c->AddSectionDictionary("DELIVERY"));
    }
  }
}

void FillFlowsAndRequests(const PageData& data,
                          ctemplate::TemplateDictionary* dict) {
  dict->ShowSection(data.flows.empty() ? "NO_FLOW" : "HAS_FLOWS");
  for (const auto& f : data.flows) {
    auto* row = dict->AddSectionDictionary("FLOW");
    row->SetValue("CREATED_AT", JstFromSql(f.created_at));
    row->SetValue("VIA", FlowViaLabel(f.via));
    row->SetValue("STATE", FlowStateValue(f.state));
    row->SetValue("STATE_LABEL", FlowStateLabel(f.state));
    row->SetValue("EXPIRES_AT", JstFromSql(f.code_expires_at));
    row->SetIntValue("TRIES", f.code_tries);
  }
  dict->ShowSection(data.requests.empty() ? "NO_REQUEST" : "HAS_REQUESTS");
  for (const auto& r : data.requests) {
    auto* row = dict->AddSectionDictionary("REQUEST");
    row->SetIntValue("ID", r.id);
    row->SetValue("RECEIPT", r.receipt_number);
    row->SetValue("STATUS_LABEL", OperatorRequestStatusLabel(r.status));
    row->SetValue("CREATED_AT", JstFromSql(r.created_at));
    row->SetValue("REASON", Text(Lang::kJa, std::string("reason_") +
                                     OperatorRequestReasonValue(r.reason)));
  }
}

void FillMailsAndEvents(const PageData& data,
                        ctemplate::TemplateDictionary* dict) {
  dict->SetIntValue("MAIL_LIMIT", kMaxMails);
  dict->ShowSection(data.mails.empty() ? "NO_MAIL" : "HAS_MAILS");
  for (const auto& m : data.mails) {
    auto* row = dict->AddSectionDictionary("MAIL");
    row->SetIntValue("ID", m.id);
    row->SetValue("CREATED_AT", JstFromSql(m.created_at));
    row->SetValue("KIND", MailKindLabel(m.kind));
    row->SetValue("RECIPIENT", m.recipient);
    row->SetValue("STATE", MailStateValue(m.state));
    row->SetValue("STATE_LABEL", MailStateLabel(m.state));
    row->SetIntValue("ATTEMPTS", m.attempts);
    row->SetValue("LAST_ERROR", m.last_error);
    row->SetValue("SENT_AT", JstOr(m.sent_at, "-"));
  }
  dict->ShowSection(data.events.empty() ? "NO_EVENT" : "HAS_EVENTS");
  for (const auto& e : data.events) {
    auto* row = dict->AddSectionDictionary("EVENT");
    row->SetValue("AT", JstFromSql(e.occurred_at));
    row->SetValue("LABEL", AuditEventLabel(e.event));
    row->SetValue("OPERATOR", e.operator_name);
    if (e.request_ref != 0) {
      row->ShowSection("REF");
      row->SetIntValue("REQUEST_REF", e.request_ref);
    }
    row->SetValue("DETAIL", e.detail);
  }
}

void FillAccount(const PageData& data, ctemplate::TemplateDictionary* dict) {
  const Account& a = data.account;
  dict->SetValue("UMIN_ID", a.umin_id);
  dict->SetValue("FAMILY_NAME", a.family_name);
  dict->SetValue("GIVEN_NAME", a.given_name);
  dict->SetValue("FAMILY_READING", a.family_reading);
  dict->SetValue("GIVEN_READING", a.given_reading);
  dict->SetValue("CATEGORY", AccountCategoryLabel(a.category));
  if (a.NeedsReview()) dict->ShowSection("REVIEW");
  for (const auto& to : data.addresses) {
    dict->AddSectionDictionary("ADDRESS")->SetValue("VALUE", to);
  }
}

}  // namespace

Status HandleAccount(const Request& request, Env* env, const Operator& op,
                     Response* response) {
  const std::string typed = request.Query("id");
  const UminIdResult id = NormalizeUminId(typed);
  if (id.outcome != UminIdOutcome::kOk) {
    return RefuseConsoleRequest(
        env, request, op,
        {400, "account view: not a UMIN ID: " + Utf8Prefix(typed, 40), 0, "",
         ConsoleText(id.outcome == UminIdOutcome::kEmpty
                         ? "account_error_empty"
                         : "account_error_format")},
        response);
  }
  bool found = false;
  PageData data;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    return Load(env, session, id.id, &found, &data);
  });
  if (!s.ok()) return s;
  if (!found) {
    return RefuseConsoleRequest(env, request, op,
                                {404, "account view: no account " + id.id, 0,
                                 "", ConsoleText("account_error_not_found")},
                                response);
  }
  AdminPage page("admin_account.tpl", "UMIN ID " + id.id);
  auto* dict = page.dict();
  FillAccount(data, dict);
  FillChanges(data, dict);
  FillFlowsAndRequests(data, dict);
  FillMailsAndEvents(data, dict);
  return RenderAdminPage(env, request, op, &page, response);
}

}  // namespace passwd

int main() {
  return passwd::RunConsolePage({"admin-account",
                                 {"GET"},
                                 /*needs_operator=*/true,
                                 passwd::HandleAccount});
}
