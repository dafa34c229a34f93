// The mail outbox: pages add mail in the same transaction as the state it
// reports; the mail-sender worker delivers it over SMTP with retries, so a
// mail server outage delays mail but loses none.
#ifndef PASSWD_LIB_MAIL_OUTBOX_H_
#define PASSWD_LIB_MAIL_OUTBOX_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "base/database.h"
#include "base/env.h"
#include "base/status.h"

namespace passwd {

// Stands in the body for the secret until the moment of sending.
inline constexpr char kSecretPlaceholder[] = "[[SECRET]]";

// A mail to queue, composed by mail_texts or operator_mail_texts.
struct OutboxMail {
  std::string kind;       // e.g. "access_code", "password_changed"
  std::string recipient;  // one address
  std::string subject;    // Japanese, plain text
  std::string body;       // plain text; holds kSecretPlaceholder if secret set
  std::string secret;     // sealed with outbox_key before storing; may be ""
  // Never deliver after this time (an access code's expiry); none if unset.
  std::optional<std::chrono::system_clock::time_point> not_after;
};

// Adds `mail` to the outbox inside the caller's transaction.
Status EnqueueMail(Env* env, SqlSession* session, const OutboxMail& mail);

// What one delivery pass did.
struct DeliveryReport {
  int sent = 0;
  int retried = 0;  // temporary failure, tried again later
  int failed = 0;   // permanent failure or too many attempts
  int expired = 0;  // past not_after: dropped, secret wiped
};

// Delivers every due mail once (oldest first); safe to run in several
// processes at once (a row is locked while it is being sent).
Status DeliverDueMail(Env* env, DeliveryReport* report);

// As above, but asks `keep_going` before each mail and ends the pass when it
// returns false (the worker's shutdown request; the mail in hand finishes).
Status DeliverDueMail(Env* env, const std::function<bool()>& keep_going,
                      DeliveryReport* report);

// What waits in the outbox, for the metrics page.
struct OutboxBacklog {
  int64_t pending = 0;  // not sent yet
  int64_t failed = 0;   // given up (kept until outbox_retention_days)
  // When the oldest pending mail was queued; empty when none is pending.
  std::optional<std::chrono::system_clock::time_point> oldest_pending;
};

// Reads the outbox's backlog into `*backlog`.
Status ReadOutboxBacklog(SqlSession* session, OutboxBacklog* backlog);

// Deletes at most `max_rows` sent, failed or expired mails queued
// before `before`; pending mail is never deleted (the housekeeper's batches);
// `*deleted` counts them.
Status DeleteExpiredMail(SqlSession* session,
                         std::chrono::system_clock::time_point before,
                         int64_t max_rows, uint64_t* deleted);

}  // namespace passwd

#endif  // PASSWD_LIB_MAIL_OUTBOX_H_
