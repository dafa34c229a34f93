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
#include <vector>

#include "base/database.h"
#include "base/env.h"
#include "base/lang.h"
#include "base/status.h"
#include "mail/mail_message.h"

namespace passwd {

// Stands in the body for the secret until the moment of sending.
inline constexpr char kSecretPlaceholder[] = "[[SECRET]]";

// A mail to queue, composed by mail_texts or operator_mail_texts.
struct OutboxMail {
  std::string kind;       // e.g. "access_code", "password_changed"
  std::string recipient;  // one address
  std::string subject;    // Japanese, plain text
  std::string body;       // plain text; holds kSecretPlaceholder if secret set
                          // (wiped once sent: it may hold link tokens)
  std::string secret;     // sealed with outbox_key before storing, bound to
                          // the row, kind and recipient; may be ""
  // Never deliver after this time (an access code's expiry); none if unset.
  // Required with a secret: a one-time secret always has an expiry, and the
  // console tells by it which mails carried one (MailRecord).
  std::optional<std::chrono::system_clock::time_point> not_after;
  // The language it is written in, which chooses the sender's display name
  // (mail_from_name or mail_from_name_en).
  Lang lang = Lang::kJa;
};

// Adds `mail` to the outbox inside the caller's transaction. A secret is
// sealed (AES-256-GCM, outbox_key) with SealedSecretContext of a random
// reference stored in the row (seal_ref), the kind and the recipient.
Status EnqueueMail(Env* env, SqlSession* session, const OutboxMail& mail);

// Adds `mails` as EnqueueMail does, two rows a statement: an account's two
// recipients in one round trip. Nothing is written when one cannot be.
Status EnqueueMails(Env* env, SqlSession* session,
                    const std::vector<OutboxMail>& mails);

// The additional data a row's secret is sealed and opened with,
// "mail_outbox:<seal_ref>:<kind>:<recipient>": the mail-sender opens a
// secret only in the row, for the purpose and to the address it was sealed
// for; a value copied to another row, or a row whose kind or recipient
// changed, fails and the mail fails without its secret.
std::string SealedSecretContext(const std::string& seal_ref,
                                const std::string& kind,
                                const std::string& recipient);

// What one delivery pass did.
struct DeliveryReport {
  int sent = 0;
  int retried = 0;  // temporary failure, tried again later
  int failed = 0;   // permanent failure or too many attempts
  int expired = 0;  // past not_after: dropped, secret wiped
};

// Hands one mail, its secret filled in, to the mail server: the mail
// sender passes mail/mail_transport's SendOutboxMail. A parameter rather
// than a call, so that a page, which only queues mail, links neither GMime
// nor libcurl (docs/performance.md, "Memory").
using MailTransport =
    std::function<Status(const Config& config, const MailMessage& message)>;

// Delivers every due mail once (oldest first) through `transport`; safe to
// run in several processes at once (a row is locked while it is being
// sent).
Status DeliverDueMail(Env* env, const MailTransport& transport,
                      DeliveryReport* report);

// As above, but asks `keep_going` before each mail and ends the pass when it
// returns false (the worker's shutdown request; the mail in hand finishes).
Status DeliverDueMail(Env* env, const MailTransport& transport,
                      const std::function<bool()>& keep_going,
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

// Where a mail stands; each state has one value in mail_outbox.status.
enum class MailState {
  kPending,  // waiting to be sent (next_attempt_at), maybe after failures
  kSent,     // the SMTP server accepted it
  kFailed,   // refused for good, or out of attempts
  kExpired,  // not sent before its not_after
};

// The state as stored, e.g. "failed".
const char* MailStateValue(MailState state);

// A queued mail as the console may see it: never its body, nor its secret.
struct MailRecord {
  int64_t id = 0;
  std::string kind;
  std::string recipient;
  MailState state = MailState::kPending;
  int64_t attempts = 0;
  std::string last_error;
  std::string created_at, next_attempt_at;  // SQL time text (UTC)
  std::string sent_at;                      // "" when not sent
  // It carried a one-time secret (it has a not_after), which is wiped when
  // it fails: such a mail cannot be sent again.
  bool carried_secret = false;
};

// Reads the newest mails to any of `recipients` (an account's addresses),
// newest first, each once, at most `limit`.
Status ListMailForAccount(SqlSession* session,
                          const std::vector<std::string>& recipients,
                          int64_t limit, std::vector<MailRecord>* mails);

// Reads failed mails newest first, at most `limit`, only those with an id
// below `before_id` when it is not 0 (the next page).
Status ListFailedMail(SqlSession* session, int64_t before_id, int64_t limit,
                      std::vector<MailRecord>* mails);

// What RetryFailedMail came to.
enum class MailRetryOutcome {
  kRetried,        // back to pending, due now, its attempts counted afresh
  kNotFound,       // no such mail
  kNotFailed,      // pending, sent or expired: nothing to retry
  kCarriedSecret,  // its secret was wiped when it failed
};

// Puts failed mail `id` back to be sent at once, in the caller's
// transaction (the row is locked); `*kind` gets its kind when it exists.
Status RetryFailedMail(Env* env, SqlSession* session, int64_t id,
                       MailRetryOutcome* outcome, std::string* kind);

}  // namespace passwd

#endif  // PASSWD_LIB_MAIL_OUTBOX_H_
