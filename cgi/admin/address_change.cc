// The page of the two-operator address change (console/address_change.h):
// the pending proposals, the latest decided ones, and the form to propose
// one; its POSTs propose, approve or reject.
#include "console/address_change.h"

#include <optional>
#include <vector>

#include "base/catalogue.h"
#include "base/jst.h"
#include "base/paths.h"
#include "base/text.h"
#include "console/admin_page.h"
#include "console/admin_session.h"
#include "console/record_id.h"
#include "domain/umin_id.h"
#include "store/accounts.h"
#include "store/address_changes.h"
#include "web/csrf.h"

namespace passwd {
namespace {

// What the page reports after a POST's redirect, by its form action (the
// console catalogue's address_change_done_<action>); "" for none.
std::string FlashText(const std::string& done) {
  for (const char* action : {"propose", "approve", "reject"}) {
    if (done == action) {
      return ConsoleText(std::string("address_change_done_") + action);
    }
  }
  return "";
}

// What the page shows besides the form.
struct PageData {
  std::vector<PendingAddressChange> pending;
  std::vector<DecidedAddressChange> decided;
  std::optional<Account> account;  // the account the form names
};

Status Load(SqlSession* session, const ProposalForm& form, PageData* data) {
  *data = PageData{};
  Status s = ListPendingAddressChanges(session, &data->pending);
  if (s.ok()) s = ListDecidedAddressChanges(session, &data->decided);
  UminIdResult id = NormalizeUminId(form.umin_id);
  if (s.ok() && id.outcome == UminIdOutcome::kOk) {
    s = FindAccount(session, id.id, /*for_update=*/false, &data->account);
  }
  return s;
}

std::string MailOrNone(const std::string& mail) {
  return mail.empty() ? ConsoleText("mail_none") : mail;
}

void FillChanges(const PageData& data, const Operator& op,
                 ctemplate::TemplateDictionary* dict) {
  dict->ShowSection(data.pending.empty() ? "NO_PENDING" : "HAS_PENDING");
  for (const auto& pending : data.pending) {
    const AddressChange& change = pending.change;
    auto* p = dict->AddSectionDictionary("PENDING");
    p->SetIntValue("ID", change.id);
    p->SetValue("UMIN_ID", change.umin_id);
    p->SetValue("OLD_MAIL", MailOrNone(change.old_mail));
    p->SetValue("NEW_MAIL", change.new_mail);
    p->SetValue("REASON", change.reason);
    if (change.request_id != 0) {
      p->ShowSection("REQUEST");
      p->SetIntValue("REQUEST_ID", change.request_id);
    }
    p->SetValue("AT", JstFromSql(pending.requested_at));
    p->SetValue("PROPOSER",
                pending.proposer_name + " (" + pending.proposer_login + ")");
    p->ShowSection(change.requested_by == op.id ? "OWN" : "CAN_APPROVE");
  }
  dict->ShowSection(data.decided.empty() ? "NO_DECIDED" : "HAS_DECIDED");
  for (const auto& change : data.decided) {
    auto* d = dict->AddSectionDictionary("DECIDED");
    d->SetValue("AT", JstFromSql(change.decided_at));
    d->SetValue("UMIN_ID", change.umin_id);
    d->SetValue("NEW_MAIL", change.new_mail);
    d->SetValue("RESULT",
                ConsoleText(change.status == AddressChangeStatus::kApproved
                                ? "address_change_result_approved"
                                : "address_change_result_rejected"));
    d->SetValue("PROPOSER", change.proposer_name);
    d->SetValue("DECIDER", change.decider_name);
  }
}

void FillForm(const PageData& data, const ProposalForm& form,
              ctemplate::TemplateDictionary* dict) {
  if (data.account) {
    const Account& account = *data.account;
    auto* a = dict->AddSectionDictionary("ACCOUNT");
    a->SetValue("UMIN_ID", account.umin_id);
    a->SetValue("FAMILY_NAME", account.family_name);
    a->SetValue("GIVEN_NAME", account.given_name);
    a->SetValue("FAMILY_READING", account.family_reading);
    a->SetValue("GIVEN_READING", account.given_reading);
    a->SetValue("CURRENT_MAIL", MailOrNone(account.external_mail));
  }
  dict->SetValue("FORM_UMIN_ID", form.umin_id);
  dict->SetValue("FORM_NEW_MAIL", form.new_mail);
  dict->SetValue("FORM_REASON", form.reason);
  dict->SetValue("REQUEST_ID", form.request_id);
}

Status RenderPage(const Request& request, Env* env, const Operator& op,
                  const ProposalForm& form, const std::string& error,
                  Response* response) {
  PageData data;
  Status s = env->db()->Transaction(
      [&](SqlSession* session) { return Load(session, form, &data); });
  if (!s.ok()) return s;
  AdminPage page("admin_address_change.tpl",
                 ConsoleText("address_change_title"));
  auto* dict = page.dict();
  const std::string flash = FlashText(request.Query("done"));
  if (!flash.empty()) {
    dict->AddSectionDictionary("FLASH")->SetValue("TEXT", flash);
  }
  if (!error.empty()) {
    dict->AddSectionDictionary("FORM_ERROR")->SetValue("TEXT", error);
  }
  FillChanges(data, op, dict);
  FillForm(data, form, dict);
  return RenderAdminPage(env, request, op, &page, response);
}

// Proposes, or decides proposal `id` with `decision`, in one transaction.
Status Act(const Request& request, Env* env, const Operator& op,
           const ProposalForm& form,
           std::optional<AddressChangeDecision> decision, int64_t id,
           AddressChangeResult* result) {
  return env->db()->Transaction([&](SqlSession* session) {
    *result = AddressChangeResult{};
    if (!decision) {
      return ProposeAddressChange(env, session, request, op, form, result);
    }
    return DecideAddressChangeAs(env, session, request, op, *decision, id,
                                 result);
  });
}

Status Answer(const Request& request, Env* env, const Operator& op,
              const ProposalForm& form, const std::string& action,
              const AddressChangeResult& result, Response* response) {
  switch (result.outcome) {
    case AddressChangeOutcome::kDone:
      response->Redirect(std::string(kAdminAddressChangePath) +
                         "?done=" + action);
      return Status::Ok();
    case AddressChangeOutcome::kFormError:
      return RenderPage(request, env, op, form, result.message, response);
    case AddressChangeOutcome::kNotFound:
    case AddressChangeOutcome::kForbidden:
      return RefuseConsoleRequest(
          env, request, op,
          {result.outcome == AddressChangeOutcome::kNotFound ? 404 : 403,
           result.detail, result.request_ref, result.umin_id},
          response);
  }
  return Status::Internal("unknown address change outcome");
}

}  // namespace

Status HandleAddressChange(const Request& request, Env* env, const Operator& op,
                           Response* response) {
  ProposalForm form;
  if (!request.IsPost()) {
    form.umin_id = request.Query("umin_id");
    form.request_id = request.Query("request_id");
    return RenderPage(request, env, op, form, "", response);
  }
  const std::string action = request.Form("action");
  const std::string what = "address change " + Utf8Prefix(action, 20);
  if (!CheckAdminCsrf(request, op).ok()) {
    return RefuseConsoleRequest(env, request, op,
                                {403, what + ": CSRF token missing or wrong"},
                                response);
  }
  form.umin_id = request.Form("umin_id");
  form.new_mail = request.Form("new_mail");
  form.reason = request.Form("reason");
  form.request_id = request.Form("request_id");
  std::optional<AddressChangeDecision> decision;
  int64_t id = 0;
  if (action == AddressChangeDecisionValue(AddressChangeDecision::kApprove)) {
    decision = AddressChangeDecision::kApprove;
  } else if (action ==
             AddressChangeDecisionValue(AddressChangeDecision::kReject)) {
    decision = AddressChangeDecision::kReject;
  } else if (action != "propose") {
    return RefuseConsoleRequest(env, request, op, {403, what + ": unknown"},
                                response);
  }
  if (decision && !ParseRecordId(request.Form("id"), &id)) {
    return RefuseConsoleRequest(env, request, op,
                                {404, what + ": no address change " +
                                          Utf8Prefix(request.Form("id"), 40)},
                                response);
  }
  AddressChangeResult result;
  Status s = Act(request, env, op, form, decision, id, &result);
  if (!s.ok()) return s;
  return Answer(request, env, op, form, action, result, response);
}

}  // namespace passwd

int main() {
  return passwd::RunConsolePage({"admin-address_change",
                                 {"GET", "POST"},
                                 /*needs_operator=*/true,
                                 passwd::HandleAddressChange});
}
