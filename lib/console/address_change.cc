#include "console/address_change.h"

#include <optional>
#include <vector>

#include "base/catalogue.h"
#include "base/text.h"
#include "console/record_id.h"
#include "domain/mail_address.h"
#include "domain/umin_id.h"
#include "flow/reset_flow.h"
#include "mail/admin_mail_texts.h"
#include "mail/outbox.h"
#include "store/accounts.h"
#include "store/address_changes.h"
#include "store/audit.h"
#include "store/operator_links.h"
#include "store/operator_requests.h"

namespace passwd {
namespace {

using std::chrono::system_clock;

constexpr size_t kMaxReasonChars = 500;

Status FormError(const std::string& message, AddressChangeResult* result) {
  result->outcome = AddressChangeOutcome::kFormError;
  result->message = message;
  return Status::Ok();
}

Status Refuse(AddressChangeOutcome outcome, const std::string& detail,
              AddressChangeResult* result) {
  result->outcome = outcome;
  result->detail = detail;
  return Status::Ok();
}

// The stored address as the audit shows it.
std::string OrNone(const std::string& mail) {
  return mail.empty() ? "none" : mail;
}

// Checks the form's own fields; `*umin_id` becomes the normalised UMIN ID.
// An empty `*error` means they are fine.
void CheckProposalFields(const ProposalForm& form, std::string* umin_id,
                         std::string* error) {
  UminIdResult id = NormalizeUminId(form.umin_id);
  *umin_id = id.id;
  if (id.outcome != UminIdOutcome::kOk) {
    *error = ConsoleText("address_change_error_umin_id");
  } else if (!ValidateMailAddress(Trim(form.new_mail)).ok()) {
    *error = ConsoleText("address_change_error_new_mail");
  } else if (Trim(form.reason).empty() ||
             Utf8Length(Trim(form.reason)) > kMaxReasonChars) {
    *error = ConsoleText("address_change_error_reason");
  }
}

// Reads the operator request the form names into `*request_ref` (0 for
// none); `*exists` is false when it names one that does not exist.
Status FindNamedRequest(SqlSession* session, const ProposalForm& form,
                        int64_t* request_ref, bool* exists) {
  *request_ref = 0;
  *exists = true;
  if (form.request_id.empty()) return Status::Ok();
  if (!ParseRecordId(form.request_id, request_ref)) {
    *exists = false;
    return Status::Ok();
  }
  return OperatorRequestExists(session, *request_ref, exists);
}

Status Reject(SqlSession* session, const Request& request, const Operator& op,
              const AddressChange& p, system_clock::time_point now) {
  Status s = DecideAddressChange(session, p.id, AddressChangeStatus::kRejected,
                                 op.id, now);
  if (!s.ok()) return s;
  return AppendAudit(
      session, request.caller(), now,
      {"address_change_rejected", p.umin_id, op.login,
       std::string(p.requested_by == op.id ? "withdrawn" : "rejected") +
           ": change " + std::to_string(p.id) + " to " + p.new_mail,
       p.request_id});
}

// Applies approved proposal `p`: the new address, the old codes and links
// void, a notice to every address concerned.
Status Apply(Env* env, SqlSession* session, const Request& request,
             const Operator& op, const AddressChange& p,
             system_clock::time_point now) {
  Status s = DecideAddressChange(session, p.id, AddressChangeStatus::kApproved,
                                 op.id, now);
  if (s.ok()) s = SetAccountExternalMail(session, p.umin_id, p.new_mail, now);
  // Codes and links sent to the old address stop working.
  if (s.ok()) s = VoidPendingFlows(session, p.umin_id, now);
  if (s.ok()) s = VoidOperatorLinks(session, p.umin_id, now);
  // The account's addresses as they are now, and the old one, which must
  // hear of the change too.
  Account changed;
  changed.umin_id = p.umin_id;
  changed.external_mail = p.new_mail;
  std::vector<std::string> recipients =
      AccountRecipients(changed, env->config().umin_mail_domain);
  if (!p.old_mail.empty()) recipients.insert(recipients.begin(), p.old_mail);
  for (const auto& to : recipients) {
    if (!s.ok()) break;
    s = EnqueueMail(env, session,
                    AddressChangedMail(env->config(), to, p.umin_id));
  }
  if (!s.ok()) return s;
  return AppendAudit(session, request.caller(), now,
                     {"address_change_approved", p.umin_id, op.login,
                      "change " + std::to_string(p.id) + " to " + p.new_mail +
                          " (was " + OrNone(p.old_mail) + ")",
                      p.request_id});
}

Status Approve(Env* env, SqlSession* session, const Request& request,
               const Operator& op, const AddressChange& p,
               AddressChangeResult* result) {
  const system_clock::time_point now = env->Now();
  if (p.requested_by == op.id) {
    return Refuse(AddressChangeOutcome::kForbidden,
                  "approve address change " + std::to_string(p.id) +
                      ": the proposer cannot approve it",
                  result);
  }
  std::optional<Account> account;
  Status s = FindAccount(session, p.umin_id, /*for_update=*/true, &account);
  if (!s.ok()) return s;
  if (!account) return Status::Internal("address change without account");
  if (account->external_mail != p.old_mail) {
    s = AppendAudit(session, request.caller(), now,
                    {"address_change_refused", p.umin_id, op.login,
                     "approve address change " + std::to_string(p.id) +
                         ": the registered address changed since the "
                         "proposal",
                     p.request_id});
    if (!s.ok()) return s;
    return FormError(ConsoleText("address_change_error_changed"), result);
  }
  return Apply(env, session, request, op, p, now);
}

}  // namespace

const char* AddressChangeDecisionValue(AddressChangeDecision decision) {
  return decision == AddressChangeDecision::kApprove ? "approve" : "reject";
}

Status ProposeAddressChange(Env* env, SqlSession* session,
                            const Request& request, const Operator& op,
                            const ProposalForm& form,
                            AddressChangeResult* result) {
  AddressChange change;
  std::string error;
  CheckProposalFields(form, &change.umin_id, &error);
  if (!error.empty()) return FormError(error, result);
  change.new_mail = Trim(form.new_mail);
  change.reason = Trim(form.reason);
  change.requested_by = op.id;
  bool request_exists = true;
  Status s =
      FindNamedRequest(session, form, &change.request_id, &request_exists);
  if (!s.ok()) return s;
  if (!request_exists) {
    return Refuse(AddressChangeOutcome::kNotFound,
                  "address change for no operator request " +
                      Utf8Prefix(form.request_id, 40),
                  result);
  }
  std::optional<Account> account;
  s = FindAccount(session, change.umin_id, /*for_update=*/true, &account);
  if (!s.ok()) return s;
  if (!account) {
    return FormError(ConsoleText("address_change_error_no_account"), result);
  }
  if (account->external_mail == change.new_mail) {
    return FormError(ConsoleText("address_change_error_same_address"), result);
  }
  bool pending = false;
  s = HasPendingAddressChange(session, change.umin_id, &pending);
  if (!s.ok()) return s;
  if (pending) {
    return FormError(ConsoleText("address_change_error_pending"), result);
  }
  change.old_mail = account->external_mail;
  const system_clock::time_point now = env->Now();
  s = InsertAddressChange(session, change, now);
  if (!s.ok()) return s;
  return AppendAudit(
      session, request.caller(), now,
      {"address_change_proposed", change.umin_id, op.login,
       "new address " + change.new_mail + " (was " + OrNone(change.old_mail) +
           "); reason: " + Utf8Prefix(change.reason, 200),
       change.request_id});
}

Status DecideAddressChangeAs(Env* env, SqlSession* session,
                             const Request& request, const Operator& op,
                             AddressChangeDecision decision, int64_t id,
                             AddressChangeResult* result) {
  std::optional<AddressChange> p;
  Status s = FindAddressChangeForUpdate(session, id, &p);
  if (!s.ok()) return s;
  if (!p) {
    return Refuse(AddressChangeOutcome::kNotFound,
                  "no address change " + std::to_string(id), result);
  }
  result->umin_id = p->umin_id;
  result->request_ref = p->request_id;
  if (p->status != AddressChangeStatus::kPending) {
    return Refuse(AddressChangeOutcome::kForbidden,
                  std::string(AddressChangeDecisionValue(decision)) +
                      " address change " + std::to_string(id) + ": already " +
                      AddressChangeStatusValue(p->status),
                  result);
  }
  if (decision == AddressChangeDecision::kReject) {
    return Reject(session, request, op, *p, env->Now());
  }
  return Approve(env, session, request, op, *p, result);
}

}  // namespace passwd
