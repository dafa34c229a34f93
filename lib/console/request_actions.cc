#include "console/request_actions.h"

#include <optional>
#include <utility>
#include <vector>

#include "base/catalogue.h"
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
// The reason an operator types to send a link for an account whose identity
// data do not match the request; the audit row keeps it whole.
constexpr size_t kMaxOverrideChars = 200;
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
                    RequestRejectedMail(c.env->config(), c.r.lang, c.r.contact_mail,
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

// The fields an identity difference names, for the audit row, e.g.
// "name, birth date".
std::string DifferenceText(const IdentityDifference& d) {
  std::string out;
  const std::pair<bool, const char*> fields[] = {{d.name, "name"},
                                                 {d.reading, "reading"},
                                                 {d.gender, "gender"},
                                                 {d.birth_date, "birth date"}};
  for (const auto& [differs, label] : fields) {
    if (!differs) continue;
    if (!out.empty()) out += ", ";
    out += label;
  }
  return out;
}

// What the audit row of a sent link adds about the account's identity: ""
// when it matches the request; else what differs and the override reason
// the operator typed, or false when that reason is missing or unfit (a line
// break or another control character).
bool OverrideNote(const AccountMatch& match, const std::string& typed,
                  std::string* note) {
  note->clear();
  if (match.identity_matches) return true;
  const std::string reason = Trim(typed);
  if (reason.empty() || HasControlCharacter(reason) ||
      !IsValidUtf8Text(reason) || Utf8Length(reason) > kMaxOverrideChars) {
    return false;
  }
  *note = "; identity mismatch (" + DifferenceText(match.difference) +
          "), override reason: " + reason;
  return true;
}

// Mails a one-time link to the registered addresses of an account offered
// for the request, and waits for the user. An account whose identity data
// do not match the request needs the operator's reason, which is audited;
// without one nothing is sent.
Status SendCodeLink(const ActionContext& c, RequestActionOutcome* outcome) {
  const std::string& umin_id = c.in.umin_id;
  std::optional<AccountMatch> offered;
  Status s = FindOfferedAccount(c.session, c.r, umin_id, &offered);
  if (!s.ok()) return s;
  if (!offered) {
    *outcome = RequestActionOutcome::kAccountRefused;
    return Status::Ok();
  }
  std::string override_note;
  if (!OverrideNote(*offered, c.in.text, &override_note)) {
    *outcome = RequestActionOutcome::kTextMissing;
    return Status::Ok();
  }
  std::optional<Account> account;
  s = FindAccount(c.session, umin_id, /*for_update=*/true, &account);
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
                    OperatorLinkMail(c.env->config(), c.r.lang, to, umin_id,
                                     c.r.receipt_number, token, expires));
  }
  if (s.ok()) {
    s = SetOperatorRequestStatus(
        c.session, c.r.id, OperatorRequestStatus::kWaiting, c.op.id, c.now);
  }
  if (!s.ok()) return s;
  return AuditAction(c, "request_link_sent", umin_id,
                     "link to " + std::to_string(recipients.size()) +
                         " registered address(es), valid 24h" + override_note);
}

// The page's sentences are the console catalogue's action_<name>_done and
// action_<name>_error.
constexpr RequestAction kActions[] = {
    {"take", TextRule::kNone, 0, Take},
    {"note", TextRule::kRequired, kMaxNoteChars, Note},
    {"reject", TextRule::kRequired, kMaxReasonChars, Reject},
    {"close", TextRule::kOptional, kMaxNoteChars, Close},
    // The text is the override reason, which SendCodeLink requires when
    // the account's identity data do not match the request.
    {"send_code", TextRule::kOptional, kMaxOverrideChars, SendCodeLink},
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

std::string RequestActionFlash(const RequestAction& action) {
  return ConsoleText(std::string("action_") + action.name + "_done");
}

std::string RequestActionError(const RequestAction& action) {
  if (action.text_rule == TextRule::kNone) return "";
  return ConsoleText(std::string("action_") + action.name + "_error");
}

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
