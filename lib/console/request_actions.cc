#include "console/request_actions.h"

#include <optional>
#include <vector>

#include "base/crypto.h"
#include "base/text.h"
#include "console/request_accounts.h"
#include "mail/admin_mail_texts.h"
#include "mail/outbox.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/operator_links.h"
#include "store/operator_notes.h"

namespace passwd {
namespace {

using std::chrono::system_clock;

// A mailed link opens the code entry for this long.
constexpr std::chrono::hours kLinkLifetime{24};
constexpr size_t kLinkTokenBytes = 32;
constexpr size_t kMaxNoteChars = 2000;
constexpr size_t kMaxReasonChars = 1000;
// How much of an action's text its audit row keeps.
constexpr size_t kAuditedTextChars = 200;

// True when `text` holds something besides white space.
bool HasText(const std::string& text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      // U+3000 alone counts as text here; a note of full-width spaces is
      // harmless.
      return true;
    }
  }
  return false;
}

Status AuditAction(const ActionContext& c, const char* event,
                   const std::string& umin_id, const std::string& detail) {
  return AppendAudit(c.session, c.request.caller(), c.now,
                     {event, umin_id, c.op.login, detail, c.r.id});
}

Status Take(const ActionContext& c, RequestActionOutcome*) {
  Status s = TakeOperatorRequest(c.session, c.r.id, c.op.id, c.now);
  if (!s.ok()) return s;
  return AuditAction(
      c, "request_taken", c.r.umin_id,
      std::string("was ") + OperatorRequestStatusValue(c.r.status));
}

Status Note(const ActionContext& c, RequestActionOutcome*) {
  Status s = AddOperatorNote(c.session, c.r.id, c.op.id,
                             OperatorNoteKind::kNote, c.in.text, c.now);
  if (s.ok()) s = TouchOperatorRequest(c.session, c.r.id, c.now);
  if (!s.ok()) return s;
  return AuditAction(c, "request_note", c.r.umin_id,
                     Utf8Prefix(c.in.text, kAuditedTextChars));
}

Status Reject(const ActionContext& c, RequestActionOutcome*) {
  Status s = AddOperatorNote(c.session, c.r.id, c.op.id,
                             OperatorNoteKind::kRejection, c.in.text, c.now);
  if (s.ok()) {
    s = SetOperatorRequestStatus(
        c.session, c.r.id, OperatorRequestStatus::kClosed, c.op.id, c.now);
  }
  if (s.ok()) {
    s = EnqueueMail(c.env, c.session,
                    RequestRejectedMail(c.env->config(), c.r.contact_mail,
                                        c.r.receipt_number, c.in.text));
  }
  if (!s.ok()) return s;
  return AuditAction(c, "request_rejected", c.r.umin_id,
                     Utf8Prefix(c.in.text, kAuditedTextChars));
}

Status Close(const ActionContext& c, RequestActionOutcome*) {
  Status s = Status::Ok();
  if (HasText(c.in.text)) {
    s = AddOperatorNote(c.session, c.r.id, c.op.id, OperatorNoteKind::kClosing,
                        c.in.text, c.now);
  }
  if (s.ok()) {
    s = SetOperatorRequestStatus(
        c.session, c.r.id, OperatorRequestStatus::kClosed, c.op.id, c.now);
  }
  if (!s.ok()) return s;
  return AuditAction(c, "request_closed", c.r.umin_id,
                     Utf8Prefix(c.in.text, kAuditedTextChars));
}

// Mails a one-time link to the registered addresses of an account offered
// for the request, and waits for the user.
Status SendCodeLink(const ActionContext& c, RequestActionOutcome* outcome) {
  const std::string& umin_id = c.in.umin_id;
  bool offered = false;
  Status s = IsAccountOffered(c.session, c.r, umin_id, &offered);
  std::optional<Account> account;
  if (s.ok() && offered) {
    s = FindAccount(c.session, umin_id, /*for_update=*/true, &account);
  }
  if (!s.ok()) return s;
  if (!account) {
    *outcome = RequestActionOutcome::kAccountRefused;
    return Status::Ok();
  }
  std::string bytes;
  s = c.env->RandomBytes(kLinkTokenBytes, &bytes);
  if (!s.ok()) return s;
  const std::string token = Base64UrlEncode(bytes);
  const system_clock::time_point expires = c.now + kLinkLifetime;
  s = CreateOperatorLink(c.session, token, c.r.id, umin_id, c.op.id, c.now,
                         expires);
  const std::vector<std::string> recipients =
      AccountRecipients(*account, c.env->config().umin_mail_domain);
  for (const auto& to : recipients) {
    if (!s.ok()) break;
    s = EnqueueMail(c.env, c.session,
                    OperatorLinkMail(c.env->config(), to, umin_id,
                                     c.r.receipt_number, token, expires));
  }
  if (s.ok()) {
    s = SetOperatorRequestStatus(
        c.session, c.r.id, OperatorRequestStatus::kWaiting, c.op.id, c.now);
  }
  if (!s.ok()) return s;
  return AuditAction(c, "request_link_sent", umin_id,
                     "link to " + std::to_string(recipients.size()) +
                         " registered address(es), valid 24h");
}

constexpr RequestAction kActions[] = {
    {"take", TextRule::kNone, 0, Take, "この申請を担当にしました。", nullptr},
    {"note", TextRule::kRequired, kMaxNoteChars, Note, "メモを追加しました。",
     "メモを2000文字以内で入力してください。"},
    {"reject", TextRule::kRequired, kMaxReasonChars, Reject,
     "申請を却下し、申請者へ通知しました。",
     "却下の理由を1000文字以内で入力してください。"},
    {"close", TextRule::kOptional, kMaxNoteChars, Close,
     "申請を完了にしました。",
     "完了時のメモは2000文字以内で入力してください。"},
    {"send_code", TextRule::kNone, 0, SendCodeLink,
     "アクセスコード送信用のリンクを登録メールアドレスへ送信しました。",
     nullptr},
};

// True when the text `action` needs is missing or too long.
bool TextMissingOrTooLong(const RequestAction& action,
                          const std::string& text) {
  switch (action.text_rule) {
    case TextRule::kNone:
      return false;
    case TextRule::kRequired:
      return !HasText(text) || Utf8Length(text) > action.text_limit;
    case TextRule::kOptional:
      return Utf8Length(text) > action.text_limit;
  }
  return false;
}

}  // namespace

const RequestAction* FindRequestAction(const std::string& name) {
  for (const auto& action : kActions) {
    if (name == action.name) return &action;
  }
  return nullptr;
}

Status PerformRequestAction(Env* env, SqlSession* session,
                            const Request& request, const Operator& op,
                            int64_t id, const RequestAction& action,
                            const ActionInput& in,
                            RequestActionOutcome* outcome) {
  std::optional<OperatorRequestRecord> found;
  Status s = FindOperatorRequest(session, id, /*for_update=*/true, &found);
  if (!s.ok()) return s;
  if (!found) {
    *outcome = RequestActionOutcome::kNotFound;
  } else if (found->status == OperatorRequestStatus::kClosed) {
    *outcome = RequestActionOutcome::kClosed;
  } else if (TextMissingOrTooLong(action, in.text)) {
    *outcome = RequestActionOutcome::kTextMissing;
  } else {
    *outcome = RequestActionOutcome::kDone;
    return action.handler({env, session, request, op, *found, in, env->Now()},
                          outcome);
  }
  return Status::Ok();
}

}  // namespace passwd
