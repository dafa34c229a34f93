// Performs one action on an operator request (POST only, CSRF-checked):
// take it, send an access-code link to an account's registered addresses,
// reject it (mailed to the applicant), add a note, or close it. Each action
// is audited with the operator's name; a forged action (bad CSRF token,
// unknown action, a closed request, an account the request does not match)
// gets 403 and an audit row, an unknown request 404 and an audit row.
#include <optional>
#include <vector>

#include "base/crypto.h"
#include "base/paths.h"
#include "console/admin_console.h"
#include "console/admin_session.h"
#include "domain/umin_id.h"
#include "mail/admin_mail_texts.h"
#include "mail/outbox.h"
#include "store/accounts.h"
#include "web/csrf.h"
#include "web/fcgi_main.h"

namespace passwd {
namespace {

using std::chrono::system_clock;

const char kTake[] =
    "UPDATE operator_requests SET operator_id = ?, status = 'in_progress', "
    "updated_at = ? WHERE id = ?";
const char kTouch[] =
    "UPDATE operator_requests SET updated_at = ? WHERE id = ?";
const char kSetStatus[] =
    "UPDATE operator_requests SET status = ?, "
    "operator_id = COALESCE(operator_id, ?), updated_at = ? WHERE id = ?";
const char kInsertNote[] =
    "INSERT INTO operator_notes (request_id, operator_id, kind, body, "
    "created_at) VALUES (?, ?, ?, ?, ?)";
const char kVoidLinks[] =
    "UPDATE operator_link_tokens SET voided_at = ? "
    "WHERE umin_id = ? AND used_at IS NULL AND voided_at IS NULL";
const char kInsertLink[] =
    "INSERT INTO operator_link_tokens (token_hash, request_id, umin_id, "
    "operator_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)";

// A mailed link opens the code entry for this long.
constexpr std::chrono::hours kLinkLifetime{24};
constexpr size_t kLinkTokenBytes = 32;
constexpr size_t kMaxNoteChars = 2000;
constexpr size_t kMaxReasonChars = 1000;

enum class Outcome { kDone, kNotFound, kClosed, kTextMissing, kAccountRefused };

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

struct ActionInput {
  std::string action;
  std::string umin_id;
  std::string text;
};

Status Audit(SqlSession* session, const Request& request, const Operator& op,
             const char* event, const std::string& umin_id,
             const std::string& detail, int64_t request_id,
             system_clock::time_point now) {
  return AppendAudit(session, request.caller(), now,
                     {event, umin_id, op.login, detail, request_id});
}

Status SendCodeLink(Env* env, SqlSession* session, const Request& request,
                    const Operator& op, const OperatorRequestRecord& r,
                    const std::string& umin_id, Outcome* outcome) {
  const system_clock::time_point now = env->Now();
  std::vector<AccountMatch> matches;
  Status s = FindMatchingAccounts(session, r, &matches);
  if (!s.ok()) return s;
  bool offered = false;
  for (const auto& match : matches) {
    if (match.account.umin_id == umin_id) offered = true;
  }
  std::optional<Account> account;
  if (offered) s = FindAccount(session, umin_id, /*for_update=*/true, &account);
  if (!s.ok()) return s;
  if (!account) {
    *outcome = Outcome::kAccountRefused;
    return Status::Ok();
  }
  std::string bytes;
  s = env->RandomBytes(kLinkTokenBytes, &bytes);
  if (!s.ok()) return s;
  const std::string token = Base64UrlEncode(bytes);
  const system_clock::time_point expires = now + kLinkLifetime;
  s = session->Execute(kVoidLinks, {SqlTime(now), umin_id});
  if (s.ok()) {
    s = session->Execute(kInsertLink, {HexEncode(Sha256(token)), r.id, umin_id,
                                       op.id, SqlTime(now), SqlTime(expires)});
  }
  std::vector<std::string> recipients;
  if (!account->external_mail.empty()) {
    recipients.push_back(account->external_mail);
  }
  recipients.push_back(umin_id + "@" + env->config().umin_mail_domain);
  for (const auto& to : recipients) {
    if (!s.ok()) break;
    s = EnqueueMail(env, session,
                    OperatorLinkMail(env->config(), to, umin_id,
                                     r.receipt_number, token, expires));
  }
  if (s.ok()) {
    s = session->Execute(kSetStatus,
                         {std::string("waiting"), op.id, SqlTime(now), r.id});
  }
  if (!s.ok()) return s;
  *outcome = Outcome::kDone;
  return Audit(session, request, op, "request_link_sent", umin_id,
               "link to " + std::to_string(recipients.size()) +
                   " registered address(es), valid 24h",
               r.id, now);
}

// The text an action needs is missing or too long.
bool TextMissingOrTooLong(const ActionInput& in) {
  if (in.action == "note") {
    return !HasText(in.text) || Utf8Length(in.text) > kMaxNoteChars;
  }
  if (in.action == "reject") {
    return !HasText(in.text) || Utf8Length(in.text) > kMaxReasonChars;
  }
  if (in.action == "close") return Utf8Length(in.text) > kMaxNoteChars;
  return false;
}

Status Perform(Env* env, SqlSession* session, const Request& request,
               const Operator& op, int64_t id, const ActionInput& in,
               Outcome* outcome, std::string* refused_umin_id) {
  const system_clock::time_point now = env->Now();
  std::optional<OperatorRequestRecord> found;
  Status s = FindOperatorRequest(session, id, /*for_update=*/true, &found);
  if (!s.ok()) return s;
  if (!found) {
    *outcome = Outcome::kNotFound;
    return Status::Ok();
  }
  const OperatorRequestRecord& r = *found;
  if (r.status == "closed") {
    *outcome = Outcome::kClosed;
    return Status::Ok();
  }
  if (TextMissingOrTooLong(in)) {
    *outcome = Outcome::kTextMissing;
    return Status::Ok();
  }
  *outcome = Outcome::kDone;
  if (in.action == "take") {
    s = session->Execute(kTake, {op.id, SqlTime(now), id});
    if (!s.ok()) return s;
    return Audit(session, request, op, "request_taken", r.umin_id,
                 "was " + r.status, id, now);
  }
  if (in.action == "note") {
    s = session->Execute(
        kInsertNote, {id, op.id, std::string("note"), in.text, SqlTime(now)});
    if (s.ok()) s = session->Execute(kTouch, {SqlTime(now), id});
    if (!s.ok()) return s;
    return Audit(session, request, op, "request_note", r.umin_id,
                 Utf8Prefix(in.text, 200), id, now);
  }
  if (in.action == "reject") {
    s = session->Execute(kInsertNote, {id, op.id, std::string("rejection"),
                                       in.text, SqlTime(now)});
    if (s.ok()) {
      s = session->Execute(kSetStatus,
                           {std::string("closed"), op.id, SqlTime(now), id});
    }
    if (s.ok()) {
      s = EnqueueMail(env, session,
                      RequestRejectedMail(env->config(), r.contact_mail,
                                          r.receipt_number, in.text));
    }
    if (!s.ok()) return s;
    return Audit(session, request, op, "request_rejected", r.umin_id,
                 Utf8Prefix(in.text, 200), id, now);
  }
  if (in.action == "close") {
    if (HasText(in.text)) {
      s = session->Execute(kInsertNote, {id, op.id, std::string("closing"),
                                         in.text, SqlTime(now)});
    }
    if (s.ok()) {
      s = session->Execute(kSetStatus,
                           {std::string("closed"), op.id, SqlTime(now), id});
    }
    if (!s.ok()) return s;
    return Audit(session, request, op, "request_closed", r.umin_id,
                 Utf8Prefix(in.text, 200), id, now);
  }
  // send_code
  s = SendCodeLink(env, session, request, op, r, in.umin_id, outcome);
  if (s.ok() && *outcome == Outcome::kAccountRefused) {
    *refused_umin_id = in.umin_id;
  }
  return s;
}

bool KnownAction(const std::string& action) {
  return action == "take" || action == "note" || action == "reject" ||
         action == "close" || action == "send_code";
}

}  // namespace

Status HandleAction(const Request& request, Env* env, Response* response) {
  Operator op;
  Status s = RequireOperator(request, env, response, &op);
  if (!s.ok() || !op.signed_in()) return s;

  ActionInput in;
  in.action = request.Form("action");
  in.umin_id = request.Form("umin_id");
  in.text = request.Form("text");
  int64_t id = 0;
  const bool has_id = ParseRecordId(request.Form("id"), &id);
  const std::string what = "action " + Utf8Prefix(in.action, 20);
  if (!CheckCsrf(env->config(), kAdminCsrf, request).ok()) {
    return RefuseConsoleRequest(env, request, op, 403,
                                what + ": CSRF token missing or wrong",
                                has_id ? id : 0, "", response);
  }
  if (!KnownAction(in.action)) {
    return RefuseConsoleRequest(env, request, op, 403, what + ": unknown",
                                has_id ? id : 0, "", response);
  }
  if (!has_id) {
    return RefuseConsoleRequest(
        env, request, op, 404,
        what + ": no operator request " + Utf8Prefix(request.Form("id"), 40), 0,
        "", response);
  }
  const std::string back =
      std::string(kAdminRequestPath) + "?id=" + std::to_string(id);
  Outcome outcome = Outcome::kDone;
  std::string refused_umin_id;
  s = env->db()->Transaction([&](SqlSession* session) {
    refused_umin_id.clear();
    return Perform(env, session, request, op, id, in, &outcome,
                   &refused_umin_id);
  });
  if (!s.ok()) return s;
  switch (outcome) {
    case Outcome::kNotFound:
      return RefuseConsoleRequest(
          env, request, op, 404,
          what + ": no operator request " + std::to_string(id), 0, "",
          response);
    case Outcome::kClosed:
      return RefuseConsoleRequest(env, request, op, 403,
                                  what + ": the request is closed", id, "",
                                  response);
    case Outcome::kAccountRefused:
      return RefuseConsoleRequest(
          env, request, op, 403,
          what + ": account not offered for this request", id,
          NormalizeUminId(refused_umin_id).outcome == UminIdOutcome::kOk
              ? NormalizeUminId(refused_umin_id).id
              : "",
          response);
    case Outcome::kTextMissing:
      response->Redirect(back + "&error=" + in.action);
      return Status::Ok();
    case Outcome::kDone:
      break;
  }
  response->Redirect(back + "&done=" + in.action);
  return Status::Ok();
}

}  // namespace passwd

int main() {
  return passwd::RunPage({"admin-action", {"POST"}, passwd::HandleAction});
}
