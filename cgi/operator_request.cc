// オペレータへパスワード更新申請: users the self-service flow cannot serve
// apply to the secretariat; they get a receipt number on screen and by mail.
#include <optional>

#include "base/catalogue.h"
#include "base/client_address.h"
#include "base/crypto.h"
#include "base/jst.h"
#include "base/paths.h"
#include "domain/mail_address.h"
#include "mail/operator_mail_texts.h"
#include "mail/outbox.h"
#include "store/audit.h"
#include "store/operator_requests.h"
#include "store/rate_limit.h"
#include "web/csrf.h"
#include "web/fcgi_main.h"
#include "web/flow_pages.h"
#include "web/receipt_cookie.h"

namespace passwd {
namespace {

// Requests one client address (an IPv6 /64) may make per hour.
RateLimit RequestsPerAddress(const Config& config) {
  return {"operator_request_address", config.operator_requests_per_address_hour,
          std::chrono::hours(1)};
}

// Receipt mails one contact mailbox may get per day, so the form cannot
// flood a stranger's mailbox: past it the request is still received, and
// its number shown on screen only.
RateLimit ReceiptsPerContact(const Config& config) {
  return {"operator_receipt_contact", config.operator_receipts_per_contact_day,
          std::chrono::hours(24)};
}

// The receipt limit's subject: a keyed hash of the mailbox, so the rate
// limit tables do not collect contact addresses.
std::string ContactSubject(const Config& config, const std::string& contact) {
  return HexEncode(HmacSha256(config.keys.rate_subject, MailboxOf(contact)));
}

// The redirect's mark of a receipt that was not mailed.
constexpr char kReceiptNotMailed[] = "not_mailed";

OperatorRequestForm ReadForm(const Request& request) {
  OperatorRequestForm form;
  form.umin_id = request.Form("umin_id");
  form.family_name = request.Form("family_name");
  form.given_name = request.Form("given_name");
  form.family_reading = request.Form("family_reading");
  form.given_reading = request.Form("given_reading");
  form.birth_date = request.Form("birth_date");
  form.affiliation = request.Form("affiliation");
  form.contact_mail = request.Form("contact_mail");
  form.reason = request.Form("reason");
  form.message = request.Form("message");
  return form;
}

Status RenderForm(const Request& request, Env* env,
                  const OperatorRequestForm& form, const FieldErrors& errors,
                  Response* response) {
  Page page(request, "operator_request.tpl", "operator_request_title");
  auto* dict = page.dict();
  dict->SetValue("UMIN_ID", form.umin_id);
  dict->SetValue("FAMILY_NAME", form.family_name);
  dict->SetValue("GIVEN_NAME", form.given_name);
  dict->SetValue("FAMILY_READING", form.family_reading);
  dict->SetValue("GIVEN_READING", form.given_reading);
  dict->SetValue("BIRTH_DATE", form.birth_date);
  dict->SetValue("AFFILIATION", form.affiliation);
  dict->SetValue("CONTACT_MAIL", form.contact_mail);
  dict->SetValue("MESSAGE_TEXT", form.message);
  dict->SetIntValue("MESSAGE_MAX", kOperatorMessageMaxChars);
  dict->SetValue("MESSAGE_LABEL",
                 FormatText(page.lang(), "label_message",
                            {{"max", std::to_string(kOperatorMessageMaxChars)}}));
  for (OperatorRequestReason reason : FormOperatorRequestReasons()) {
    const std::string value = OperatorRequestReasonValue(reason);
    auto* option = dict->AddSectionDictionary("REASON");
    option->SetValue("VALUE", value);
    option->SetValue("LABEL", Text(page.lang(), "reason_" + value));
    if (form.reason == value) option->ShowSection("CHECKED");
  }
  ShowFieldErrors(
      page.lang(), errors, dict,
      {{"umin_id", "umin_id"},
       {"family_name", "family_name"},
       {"given_name", "given_name"},
       {"family_reading", "family_reading"},
       {"given_reading", "given_reading"},
       {"birth_date", "birth_date"},
       {"affiliation", "affiliation"},
       {"contact_mail", "contact_mail"},
       {"reason", std::string("reason_") +
                      OperatorRequestReasonValue(
                          FormOperatorRequestReasons().front())},
       {"message", "message"}});
  Status s = AddCsrfField(env, request, &page, response);
  if (!s.ok()) return s;
  return page.RenderTo(env->config(), 200, response);
}

// The receipt page, for the browser that submitted the request only.
constexpr ReceiptPage kReceiptPage = {"operator_request_done.tpl",
                                      "operator_request_done_title", false,
                                      "operator_request_done_mailed"};

// What became of a valid request.
enum class SubmitResult { kAccepted, kAcceptedNotMailed, kRateLimited };

// Queues the receipt mail of `receipt` unless its contact mailbox had its
// day's receipts; `*mailed` says which. The mail's event goes to `events`.
Status MailReceiptWithinLimit(Env* env, SqlSession* session, Lang lang,
                              const NewOperatorRequest& new_request,
                              const std::string& receipt,
                              RateEventBatch* events, bool* mailed) {
  const auto now = env->Now();
  const RateLimit limit = ReceiptsPerContact(env->config());
  const std::string subject =
      ContactSubject(env->config(), new_request.contact_mail);
  std::optional<std::chrono::system_clock::time_point> capped_until;
  *mailed = false;
  Status s = CheckRateLimit(session, limit, subject, now, &capped_until);
  if (!s.ok() || capped_until) return s;
  events->Add(limit, subject, now);
  s = EnqueueMail(env, session,
                  OperatorRequestReceiptMail(env->config(), lang,
                                             new_request.contact_mail, receipt,
                                             new_request.reason));
  *mailed = s.ok();
  return s;
}

// Within the client address's limit, stores `new_request`, queues its
// receipt mail (within the contact's limit) and audits it (`*receipt`);
// over the address's limit, audits the refusal and sets `*retry_at`.
Status SubmitWithinLimit(
    Env* env, SqlSession* session, const Request& request,
    const NewOperatorRequest& new_request, SubmitResult* result,
    std::optional<std::chrono::system_clock::time_point>* retry_at,
    std::string* receipt) {
  auto now = env->Now();
  const std::string address_group =
      ClientAddressGroup(request.client_address());
  Status t = CheckRateLimit(session, RequestsPerAddress(env->config()),
                            address_group, now, retry_at);
  if (t.ok() && *retry_at) {
    *result = SubmitResult::kRateLimited;
    return AppendAudit(session, request.caller(), now,
                       {"operator_request_refused", new_request.umin_id, "",
                        "address rate limit"});
  }
  RateEventBatch events;
  if (t.ok()) events.Add(RequestsPerAddress(env->config()), address_group, now);
  if (t.ok()) {
    t = SubmitOperatorRequest(env, session, new_request,
                              request.client_address(), receipt,
                              /*id=*/nullptr);
  }
  bool mailed = false;
  if (t.ok()) {
    t = MailReceiptWithinLimit(env, session, request.lang(), new_request,
                               *receipt, &events, &mailed);
  }
  *result = mailed ? SubmitResult::kAccepted : SubmitResult::kAcceptedNotMailed;
  // The free text stays in the request; the audit names the receipt.
  if (t.ok()) {
    t = AppendAudit(
        session, request.caller(), now,
        {"operator_request", new_request.umin_id, "",
         "receipt " + *receipt + ", reason " +
             OperatorRequestReasonValue(new_request.reason) +
             (mailed ? "" : ", no receipt mail (contact's daily cap)")});
  }
  if (t.ok()) t = events.Record(session);
  return t;
}

}  // namespace

Status HandleOperatorRequest(const Request& request, Env* env,
                             Response* response) {
  if (!request.IsPost()) {
    std::string receipt = request.Query("receipt");
    if (!receipt.empty()) {
      // A mark the user could only forge to mislead themselves.
      const bool mailed = request.Query("mail") != kReceiptNotMailed;
      return RenderOwnReceipt(env, request, receipt, kReceiptPage, mailed,
                              response);
    }
    return RenderForm(request, env, OperatorRequestForm{}, {}, response);
  }

  Status s = CheckCsrf(env->config(), kPublicCsrf, request);
  if (!s.ok()) return s;
  OperatorRequestForm form = ReadForm(request);
  NewOperatorRequest new_request;
  FieldErrors errors;
  ValidateOperatorRequestForm(form, JstDate(env->Now()), &new_request, &errors);
  new_request.lang = request.lang();
  if (!errors.empty()) {
    return RenderForm(request, env, form, errors, response);
  }

  SubmitResult result = SubmitResult::kAccepted;
  std::optional<std::chrono::system_clock::time_point> retry_at;
  std::string receipt;
  s = env->db()->Transaction([&](SqlSession* session) {
    return SubmitWithinLimit(env, session, request, new_request, &result,
                             &retry_at, &receipt);
  });
  if (!s.ok()) return s;
  if (result == SubmitResult::kRateLimited) {
    return RenderRateLimited(request, env, *retry_at, OperatorRequestLink::kHidden,
                             response);
  }
  SetReceiptCookie(env->config(), receipt, response);
  response->Redirect(std::string(kOperatorRequestPath) + "?receipt=" + receipt +
                     (result == SubmitResult::kAcceptedNotMailed
                          ? std::string("&mail=") + kReceiptNotMailed
                          : ""));
  return Status::Ok();
}

}  // namespace passwd

int main() {
  return passwd::RunPage(
      {"operator_request", {"GET", "POST"}, passwd::HandleOperatorRequest});
}
