// Changing an account's registered address (where access codes go) takes
// two operators: one proposes the new address, a different one approves
// it, and only then does accounts.external_mail change. Both steps, and a
// rejection or withdrawal, are audited; the approval voids the account's
// pending codes and links and tells the old and new addresses.
#include <optional>
#include <vector>

#include "base/paths.h"
#include "base/text.h"
#include "console/admin_console.h"
#include "console/admin_session.h"
#include "domain/mail_address.h"
#include "domain/umin_id.h"
#include "mail/admin_mail_texts.h"
#include "mail/outbox.h"
#include "store/accounts.h"
#include "web/csrf.h"
#include "web/fcgi_main.h"

namespace passwd {
namespace {

using std::chrono::system_clock;

const char kPending[] =
    "SELECT c.id, c.umin_id, c.old_mail, c.new_mail, c.reason, c.request_id, "
    "c.requested_by, c.requested_at, o.display_name, o.login "
    "FROM address_change_requests c JOIN operators o ON o.id = c.requested_by "
    "WHERE c.status = 'pending' ORDER BY c.requested_at, c.id";
const char kDecided[] =
    "SELECT c.decided_at, c.umin_id, c.new_mail, c.status, p.display_name, "
    "d.display_name FROM address_change_requests c "
    "JOIN operators p ON p.id = c.requested_by "
    "LEFT JOIN operators d ON d.id = c.decided_by "
    "WHERE c.status <> 'pending' ORDER BY c.decided_at DESC, c.id DESC "
    "LIMIT 20";
const char kFindProposal[] =
    "SELECT id, umin_id, old_mail, new_mail, request_id, requested_by, status "
    "FROM address_change_requests WHERE id = ? FOR UPDATE";
const char kPendingForAccount[] =
    "SELECT id FROM address_change_requests "
    "WHERE umin_id = ? AND status = 'pending'";
const char kRequestExists[] = "SELECT id FROM operator_requests WHERE id = ?";
const char kInsertProposal[] =
    "INSERT INTO address_change_requests (umin_id, old_mail, new_mail, "
    "reason, request_id, status, requested_by, requested_at) "
    "VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)";
const char kDecide[] =
    "UPDATE address_change_requests SET status = ?, decided_by = ?, "
    "decided_at = ? WHERE id = ? AND status = 'pending'";
const char kSetAddress[] =
    "UPDATE accounts SET external_mail = ?, updated_at = ? WHERE umin_id = ?";
// Codes and links sent to the old address stop working.
const char kVoidFlows[] =
    "UPDATE reset_flows SET state = 'voided', code_hash = NULL, "
    "updated_at = ? WHERE umin_id = ? AND state IN ('code_sent', 'verified')";
const char kVoidLinks[] =
    "UPDATE operator_link_tokens SET voided_at = ? "
    "WHERE umin_id = ? AND used_at IS NULL AND voided_at IS NULL";

constexpr size_t kMaxReasonChars = 500;

enum class Outcome { kDone, kFormError, kNotFound, kForbidden };

struct Result {
  Outcome outcome = Outcome::kDone;
  std::string message;  // kFormError: shown on the form
  std::string detail;   // kNotFound, kForbidden: audited
  std::string umin_id;
  int64_t request_ref = 0;
};

struct ProposalForm {
  std::string umin_id, new_mail, reason, request_id;
};

Status Audit(SqlSession* session, const Request& request, const Operator& op,
             system_clock::time_point now, const char* event,
             const std::string& umin_id, const std::string& detail,
             int64_t request_ref) {
  return AppendAudit(session, request.caller(), now,
                     {event, umin_id, op.login, detail, request_ref});
}

Status Propose(Env* env, SqlSession* session, const Request& request,
               const Operator& op, const ProposalForm& form, Result* result) {
  const system_clock::time_point now = env->Now();
  auto refuse = [&](const std::string& message) {
    result->outcome = Outcome::kFormError;
    result->message = message;
    return Status::Ok();
  };
  UminIdResult id = NormalizeUminId(form.umin_id);
  if (id.outcome != UminIdOutcome::kOk) {
    return refuse("UMIN IDを正しく入力してください。");
  }
  const std::string new_mail = Trim(form.new_mail);
  if (!ValidateMailAddress(new_mail).ok()) {
    return refuse("新しい登録メールアドレスを正しく入力してください。");
  }
  const std::string reason = Trim(form.reason);
  if (reason.empty() || Utf8Length(reason) > kMaxReasonChars) {
    return refuse("理由を500文字以内で入力してください。");
  }
  int64_t request_ref = 0;
  if (!form.request_id.empty()) {
    std::vector<SqlRow> rows;
    Status s = ParseRecordId(form.request_id, &request_ref)
                   ? session->Query(kRequestExists, {request_ref}, &rows)
                   : Status::Ok();
    if (!s.ok()) return s;
    if (rows.empty()) {
      result->outcome = Outcome::kNotFound;
      result->detail = "address change for no operator request " +
                       Utf8Prefix(form.request_id, 40);
      return Status::Ok();
    }
  }
  std::optional<Account> account;
  Status s = FindAccount(session, id.id, /*for_update=*/true, &account);
  if (!s.ok()) return s;
  if (!account) return refuse("入力されたUMIN IDは存在しません。");
  if (account->external_mail == new_mail) {
    return refuse("新しいアドレスが現在の登録メールアドレスと同じです。");
  }
  std::vector<SqlRow> pending;
  s = session->Query(kPendingForAccount, {id.id}, &pending);
  if (!s.ok()) return s;
  if (!pending.empty()) {
    return refuse(
        "このUMIN IDには承認待ちの提案があります。先に承認または却下して"
        "ください。");
  }
  s = session->Execute(kInsertProposal,
                       {id.id, NullIfEmpty(account->external_mail), new_mail,
                        reason, NullIfZero(request_ref), op.id, SqlTime(now)});
  if (!s.ok()) return s;
  return Audit(
      session, request, op, now, "address_change_proposed", id.id,
      "new address " + new_mail + " (was " +
          (account->external_mail.empty() ? "none" : account->external_mail) +
          "); reason: " + Utf8Prefix(reason, 200),
      request_ref);
}

struct Proposal {
  int64_t id = 0;
  std::string umin_id, old_mail, new_mail, status;
  int64_t request_id = 0, requested_by = 0;
};

Status FindProposal(SqlSession* session, int64_t id,
                    std::optional<Proposal>* found) {
  found->reset();
  std::vector<SqlRow> rows;
  Status s = session->Query(kFindProposal, {id}, &rows);
  if (!s.ok() || rows.empty()) return s;
  Proposal p;
  p.id = rows[0].Int(0);
  p.umin_id = rows[0].Text(1);
  p.old_mail = rows[0].Text(2);
  p.new_mail = rows[0].Text(3);
  p.request_id = rows[0].Int(4);
  p.requested_by = rows[0].Int(5);
  p.status = rows[0].Text(6);
  *found = p;
  return Status::Ok();
}

Status Decide(Env* env, SqlSession* session, const Request& request,
              const Operator& op, const std::string& action, int64_t id,
              Result* result) {
  const system_clock::time_point now = env->Now();
  std::optional<Proposal> p;
  Status s = FindProposal(session, id, &p);
  if (!s.ok()) return s;
  if (!p) {
    result->outcome = Outcome::kNotFound;
    result->detail = "no address change " + std::to_string(id);
    return Status::Ok();
  }
  result->umin_id = p->umin_id;
  result->request_ref = p->request_id;
  if (p->status != "pending") {
    result->outcome = Outcome::kForbidden;
    result->detail = action + " address change " + std::to_string(id) +
                     ": already " + p->status;
    return Status::Ok();
  }
  if (action == "reject") {
    s = session->Execute(kDecide,
                         {std::string("rejected"), op.id, SqlTime(now), p->id});
    if (!s.ok()) return s;
    return Audit(
        session, request, op, now, "address_change_rejected", p->umin_id,
        std::string(p->requested_by == op.id ? "withdrawn" : "rejected") +
            ": change " + std::to_string(p->id) + " to " + p->new_mail,
        p->request_id);
  }
  // approve: never by the operator who proposed it.
  if (p->requested_by == op.id) {
    result->outcome = Outcome::kForbidden;
    result->detail = "approve address change " + std::to_string(id) +
                     ": the proposer cannot approve it";
    return Status::Ok();
  }
  std::optional<Account> account;
  s = FindAccount(session, p->umin_id, /*for_update=*/true, &account);
  if (!s.ok()) return s;
  if (!account) return Status::Internal("address change without account");
  if (account->external_mail != p->old_mail) {
    s = Audit(session, request, op, now, "address_change_refused", p->umin_id,
              "approve address change " + std::to_string(p->id) +
                  ": the registered address changed since the proposal",
              p->request_id);
    if (!s.ok()) return s;
    result->outcome = Outcome::kFormError;
    result->message =
        "提案の後に登録メールアドレスが変更されているため承認できません。"
        "この提案を却下し、改めて提案してください。";
    return Status::Ok();
  }
  s = session->Execute(kDecide,
                       {std::string("approved"), op.id, SqlTime(now), p->id});
  if (s.ok()) {
    s = session->Execute(kSetAddress, {p->new_mail, SqlTime(now), p->umin_id});
  }
  if (s.ok()) s = session->Execute(kVoidFlows, {SqlTime(now), p->umin_id});
  if (s.ok()) s = session->Execute(kVoidLinks, {SqlTime(now), p->umin_id});
  std::vector<std::string> recipients;
  if (!p->old_mail.empty()) recipients.push_back(p->old_mail);
  recipients.push_back(p->new_mail);
  recipients.push_back(p->umin_id + "@" + env->config().umin_mail_domain);
  for (const auto& to : recipients) {
    if (!s.ok()) break;
    s = EnqueueMail(env, session,
                    AddressChangedMail(env->config(), to, p->umin_id));
  }
  if (!s.ok()) return s;
  return Audit(session, request, op, now, "address_change_approved", p->umin_id,
               "change " + std::to_string(p->id) + " to " + p->new_mail +
                   " (was " + (p->old_mail.empty() ? "none" : p->old_mail) +
                   ")",
               p->request_id);
}

const char* FlashText(const std::string& done) {
  if (done == "propose") {
    return "変更を提案しました。他のオペレータの承認後に反映されます。";
  }
  if (done == "approve") return "承認し、登録メールアドレスを変更しました。";
  if (done == "reject") return "提案を却下（取り下げ）しました。";
  return nullptr;
}

Status RenderPage(const Request& request, Env* env, const Operator& op,
                  const ProposalForm& form, const std::string& error,
                  Response* response) {
  std::vector<SqlRow> pending, decided;
  std::optional<Account> account;
  UminIdResult id = NormalizeUminId(form.umin_id);
  Status s = env->db()->Transaction([&](SqlSession* session) {
    pending.clear();
    decided.clear();
    Status t = session->Query(kPending, {}, &pending);
    if (t.ok()) t = session->Query(kDecided, {}, &decided);
    if (t.ok() && id.outcome == UminIdOutcome::kOk) {
      t = FindAccount(session, id.id, false, &account);
    }
    return t;
  });
  if (!s.ok()) return s;

  AdminPage page("admin_address_change.tpl", "登録メールアドレスの変更");
  auto* dict = page.dict();
  if (const char* flash = FlashText(request.Query("done"))) {
    dict->AddSectionDictionary("FLASH")->SetValue("TEXT", flash);
  }
  if (!error.empty()) {
    dict->AddSectionDictionary("FORM_ERROR")->SetValue("TEXT", error);
  }
  dict->ShowSection(pending.empty() ? "NO_PENDING" : "HAS_PENDING");
  for (const auto& row : pending) {
    auto* p = dict->AddSectionDictionary("PENDING");
    p->SetValue("ID", row.Text(0));
    p->SetValue("UMIN_ID", row.Text(1));
    p->SetValue("OLD_MAIL", row.IsNull(2) ? "（なし）" : row.Text(2));
    p->SetValue("NEW_MAIL", row.Text(3));
    p->SetValue("REASON", row.Text(4));
    if (!row.IsNull(5)) {
      p->ShowSection("REQUEST");
      p->SetValue("REQUEST_ID", row.Text(5));
    }
    p->SetValue("AT", JstFromSql(row.Text(7)));
    p->SetValue("PROPOSER", row.Text(8) + " (" + row.Text(9) + ")");
    p->ShowSection(row.Int(6) == op.id ? "OWN" : "CAN_APPROVE");
  }
  dict->ShowSection(decided.empty() ? "NO_DECIDED" : "HAS_DECIDED");
  for (const auto& row : decided) {
    auto* d = dict->AddSectionDictionary("DECIDED");
    d->SetValue("AT", JstFromSql(row.Text(0)));
    d->SetValue("UMIN_ID", row.Text(1));
    d->SetValue("NEW_MAIL", row.Text(2));
    d->SetValue("RESULT", row.Text(3) == "approved" ? "承認（変更済み）"
                                                    : "却下・取り下げ");
    d->SetValue("PROPOSER", row.Text(4));
    d->SetValue("DECIDER", row.Text(5));
  }
  if (account) {
    auto* a = dict->AddSectionDictionary("ACCOUNT");
    a->SetValue("UMIN_ID", account->umin_id);
    a->SetValue("FAMILY_NAME", account->family_name);
    a->SetValue("GIVEN_NAME", account->given_name);
    a->SetValue("FAMILY_READING", account->family_reading);
    a->SetValue("GIVEN_READING", account->given_reading);
    a->SetValue("CURRENT_MAIL", account->external_mail.empty()
                                    ? "（なし）"
                                    : account->external_mail);
  }
  dict->SetValue("FORM_UMIN_ID", form.umin_id);
  dict->SetValue("FORM_NEW_MAIL", form.new_mail);
  dict->SetValue("FORM_REASON", form.reason);
  dict->SetValue("REQUEST_ID", form.request_id);
  return RenderAdminPage(env, request, op, &page, response);
}

}  // namespace

Status HandleAddressChange(const Request& request, Env* env,
                           Response* response) {
  Operator op;
  Status s = RequireOperator(request, env, response, &op);
  if (!s.ok() || !op.signed_in()) return s;

  if (!request.IsPost()) {
    ProposalForm form;
    form.umin_id = request.Query("umin_id");
    form.request_id = request.Query("request_id");
    return RenderPage(request, env, op, form, "", response);
  }

  const std::string action = request.Form("action");
  const std::string what = "address change " + Utf8Prefix(action, 20);
  if (!CheckCsrf(env->config(), kAdminCsrf, request).ok()) {
    return RefuseConsoleRequest(env, request, op, 403,
                                what + ": CSRF token missing or wrong", 0, "",
                                response);
  }
  ProposalForm form;
  form.umin_id = request.Form("umin_id");
  form.new_mail = request.Form("new_mail");
  form.reason = request.Form("reason");
  form.request_id = request.Form("request_id");
  int64_t id = 0;
  Result result;
  if (action == "propose") {
    s = env->db()->Transaction([&](SqlSession* session) {
      result = Result{};
      return Propose(env, session, request, op, form, &result);
    });
  } else if (action == "approve" || action == "reject") {
    if (!ParseRecordId(request.Form("id"), &id)) {
      return RefuseConsoleRequest(
          env, request, op, 404,
          what + ": no address change " + Utf8Prefix(request.Form("id"), 40), 0,
          "", response);
    }
    s = env->db()->Transaction([&](SqlSession* session) {
      result = Result{};
      return Decide(env, session, request, op, action, id, &result);
    });
  } else {
    return RefuseConsoleRequest(env, request, op, 403, what + ": unknown", 0,
                                "", response);
  }
  if (!s.ok()) return s;
  switch (result.outcome) {
    case Outcome::kDone:
      response->Redirect(std::string(kAdminAddressChangePath) + "?done=" +
                         action);
      return Status::Ok();
    case Outcome::kFormError:
      return RenderPage(request, env, op, form, result.message, response);
    case Outcome::kNotFound:
      return RefuseConsoleRequest(env, request, op, 404, result.detail,
                                  result.request_ref, result.umin_id, response);
    case Outcome::kForbidden:
      return RefuseConsoleRequest(env, request, op, 403, result.detail,
                                  result.request_ref, result.umin_id, response);
  }
  return Status::Internal("unknown address change outcome");
}

}  // namespace passwd

int main() {
  return passwd::RunPage(
      {"admin-address_change", {"GET", "POST"}, passwd::HandleAddressChange});
}
