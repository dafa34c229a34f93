#include "mail/outbox.h"


#include <algorithm>
#include <limits>
#include <vector>

#include "base/crypto.h"
#include "base/enum_table.h"
#include "base/lease.h"
#include "base/log_line.h"
#include "mail/mail_message.h"

namespace passwd {
namespace {

#define PASSWD_MAIL_ROW "(?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)"
const char kInsertMail[] =
    "INSERT INTO mail_outbox (kind, recipient, subject, body, sealed_secret, "
    "seal_ref, not_after, lang, status, attempts, next_attempt_at, "
    "created_at) VALUES " PASSWD_MAIL_ROW;
// Two at once: an account's two recipients (its UMIN mailbox and its
// external address) get their mails in one round trip.
const char kInsertTwoMails[] =
    "INSERT INTO mail_outbox (kind, recipient, subject, body, sealed_secret, "
    "seal_ref, not_after, lang, status, attempts, next_attempt_at, "
    "created_at) VALUES " PASSWD_MAIL_ROW ", " PASSWD_MAIL_ROW;
#undef PASSWD_MAIL_ROW
constexpr size_t kMailColumns = 10;  // the ?s of one row
// The metrics page's backlog, from the due index (status first).
const char kBacklog[] =
    "SELECT status, COUNT(*), MIN(created_at) FROM mail_outbox "
    "WHERE status IN ('pending', 'failed') GROUP BY status";
// Leases (sql/012_leases.sql): a worker claims one due mail that nobody
// holds, commits the claim, sends the mail outside any transaction, then
// records the result only while the claim is still its own. A claim past
// lease_until belongs to a worker that died; it is taken again.
const char kSelectDueIds[] =
    "SELECT id FROM mail_outbox WHERE status = 'pending' AND "
    "next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?) "
    "ORDER BY id LIMIT 20";

// The ids kSelectDueIds finds due and free at `now_text`, oldest first.
Status SelectDueIds(SqlSession* session, const std::string& now_text,
                    std::vector<int64_t>* ids) {
  std::vector<SqlRow> rows;
  Status s = session->Query(kSelectDueIds, {now_text, now_text}, &rows);
  for (const SqlRow& row : rows) ids->push_back(row.Int(0));
  return s;
}

const char kClaimMail[] =
    "UPDATE mail_outbox SET lease_owner = ?, lease_until = ? WHERE id = ? "
    "AND status = 'pending' AND next_attempt_at <= ? AND "
    "(lease_until IS NULL OR lease_until < ?)";
const char kReadClaimedMail[] =
    "SELECT id, kind, recipient, subject, body, sealed_secret, seal_ref, "
    "not_after, attempts, lang FROM mail_outbox "
    "WHERE id = ? AND lease_owner = ?";

// One claimed mail as kReadClaimedMail reads it.
struct DueMail {
  int64_t id = 0;
  std::string kind;
  std::string recipient;
  std::string subject;
  std::string body;
  std::string sealed_secret;
  bool has_secret = false;
  std::string seal_ref;   // "" for a secret sealed before migration 013
  std::string not_after;  // SQL time text, "" when none
  int64_t attempts = 0;
  Lang lang = Lang::kJa;  // Japanese also for a value it does not know
};

DueMail FromRow(const SqlRow& row) {
  DueMail mail;
  mail.id = row.Int(0);
  mail.kind = row.Text(1);
  mail.recipient = row.Text(2);
  mail.subject = row.Text(3);
  mail.body = row.Text(4);
  mail.has_secret = !row.IsNull(5);
  mail.sealed_secret = row.Text(5);
  mail.seal_ref = row.Text(6);
  mail.not_after = row.Text(7);
  mail.attempts = row.Int(8);
  ParseLang(row.Text(9), &mail.lang);
  return mail;
}
// The results, each only for the claim's owner; each ends the claim.
// A body in clear still holds link tokens (the not-me link of every mail to
// a user): it is wiped once the mail is sent, and when it can never be sent
// (expired, or failed with its secret wiped); a failed mail without a secret
// keeps its body for the console's retry.
const char kMarkSent[] =
    "UPDATE mail_outbox SET status = 'sent', sealed_secret = NULL, "
    "body = '', attempts = attempts + 1, sent_at = ?, message_id = ?, "
    "last_error = '', lease_owner = NULL, lease_until = NULL "
    "WHERE id = ? AND lease_owner = ?";
const char kMarkRetry[] =
    "UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, "
    "last_error = ?, lease_owner = NULL, lease_until = NULL "
    "WHERE id = ? AND lease_owner = ?";
const char kMarkFailed[] =
    "UPDATE mail_outbox SET status = 'failed', sealed_secret = NULL, "
    "body = IF(not_after IS NULL, body, ''), attempts = ?, last_error = ?, "
    "lease_owner = NULL, lease_until = NULL "
    "WHERE id = ? AND lease_owner = ?";
const char kMarkExpired[] =
    "UPDATE mail_outbox SET status = 'expired', sealed_secret = NULL, "
    "body = '', last_error = 'not delivered before its expiry', "
    "lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?";
// The housekeeper's delete: mail that is done with (sent, failed or
// expired) and was queued before the retention window; pending mail stays.
const char kDeleteOldMail[] =
    "DELETE FROM mail_outbox WHERE status IN ('sent', 'failed', 'expired') "
    "AND created_at < ? LIMIT ?";

// The console's reads: never the body nor the sealed secret (its database
// account may not read those columns either, sql/grants.sql.in).
#define MAIL_RECORD_COLUMNS                                         \
  "id, kind, recipient, status, attempts, last_error, created_at, " \
  "next_attempt_at, sent_at, not_after IS NOT NULL "
const char kListMailTo[] = "SELECT " MAIL_RECORD_COLUMNS
                           "FROM mail_outbox WHERE recipient = ? "
                           "ORDER BY id DESC LIMIT ?";
const char kListFailed[] = "SELECT " MAIL_RECORD_COLUMNS
                           "FROM mail_outbox WHERE status = 'failed' "
                           "AND id < ? ORDER BY id DESC LIMIT ?";
const char kLockForRetry[] =
    "SELECT status, kind, not_after IS NOT NULL FROM mail_outbox "
    "WHERE id = ? FOR UPDATE";
// Attempts start afresh, so the mail gets every retry a new mail gets;
// last_error stays until it is sent.
const char kRetry[] =
    "UPDATE mail_outbox SET status = 'pending', attempts = 0, "
    "next_attempt_at = ? WHERE id = ? AND status = 'failed'";

// mail_outbox.status's value of each MailState: the one conversion.
struct MailStateText {
  MailState value;
  const char* text;
};
constexpr MailStateText kMailStates[] = {
    {MailState::kPending, "pending"},
    {MailState::kSent, "sent"},
    {MailState::kFailed, "failed"},
    {MailState::kExpired, "expired"},
};

// One row of MAIL_RECORD_COLUMNS.
Status MailRecordFromRow(const SqlRow& row, MailRecord* mail) {
  mail->id = row.Int(0);
  mail->kind = row.Text(1);
  mail->recipient = row.Text(2);
  if (!ParseEntryText(kMailStates, row.Text(3), &mail->state)) {
    return Status::Internal("mail_outbox: unknown status " + row.Text(3));
  }
  mail->attempts = row.Int(4);
  mail->last_error = row.Text(5);
  mail->created_at = row.Text(6);
  mail->next_attempt_at = row.Text(7);
  mail->sent_at = row.Text(8);
  mail->carried_secret = row.Int(9) != 0;
  return Status::Ok();
}

// Appends the records of `rows` to `mails`.
Status MailRecordsFromRows(const std::vector<SqlRow>& rows,
                           std::vector<MailRecord>* mails) {
  for (const SqlRow& row : rows) {
    mails->emplace_back();
    Status s = MailRecordFromRow(row, &mails->back());
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

// Backoff after the n-th temporary failure: 2 s, 4 s, 8 s ... 5 minutes.
constexpr long kFirstBackoffSeconds = 2;
constexpr long kMaxBackoffSeconds = 5 * 60;
// last_error is VARCHAR(255).
constexpr size_t kMaxErrorLength = 255;
constexpr size_t kMessageIdRandomBytes = 16;
// A row's seal_ref: 16 random bytes as 32 hex digits (CHAR(32)).
constexpr size_t kSealRefBytes = 16;

std::chrono::seconds Backoff(int64_t attempts) {
  long seconds = kFirstBackoffSeconds;
  for (int64_t i = 1; i < attempts && seconds < kMaxBackoffSeconds; ++i) {
    seconds *= 2;
  }
  return std::chrono::seconds(std::min(seconds, kMaxBackoffSeconds));
}

// A failure description fit for last_error and the log: printable ASCII
// only and short. Callers only ever pass status messages of ours and of
// SendMail, which never hold a body or a secret.
std::string ShortError(const Status& s) {
  return s.ToShortAscii(kMaxErrorLength);
}

std::string DomainOf(const std::string& address) {
  size_t at = address.rfind('@');
  return at == std::string::npos ? address : address.substr(at + 1);
}

// `body` with every placeholder replaced by `secret`, built in one buffer
// sized up front so no partial copy of the secret is left behind.
std::string FillSecret(const std::string& body, const std::string& secret) {
  const std::string placeholder = kSecretPlaceholder;
  size_t count = 0;
  for (size_t p = body.find(placeholder); p != std::string::npos;
       p = body.find(placeholder, p + placeholder.size())) {
    ++count;
  }
  std::string out;
  out.reserve(body.size() + count * secret.size() + 1);
  size_t from = 0;
  for (size_t p = body.find(placeholder); p != std::string::npos;
       p = body.find(placeholder, from)) {
    out.append(body, from, p - from);
    out.append(secret);
    from = p + placeholder.size();
  }
  out.append(body, from, std::string::npos);
  return out;
}

// Opens `mail`'s secret into its body and hands it to `transport`; on
// success stores the Message-ID header value in *message_id. InvalidInput
// means the mail can never be sent.
Status Send(Env* env, const MailTransport& transport, const DueMail& mail,
            std::string* message_id) {
  const Config& config = env->config();
  std::string secret;
  WipeOnExit wipe_secret(&secret);
  if (mail.has_secret) {
    // A secret sealed before migration 013 has no reference to be bound
    // to: it fails closed, as a moved one does (docs/design.md, "Mail").
    if (mail.seal_ref.empty()) {
      return Status::InvalidInput("sealed secret not bound to its row");
    }
    Status s = Open(
        config.outbox_key, mail.sealed_secret,
        SealedSecretContext(mail.seal_ref, mail.kind, mail.recipient), &secret);
    if (!s.ok()) {
      return s.code() == Status::Code::kInvalidInput
                 ? Status::InvalidInput("cannot open the sealed secret")
                 : Status::Internal("cannot open the sealed secret: " +
                                    s.message());
    }
  }
  std::string random;
  Status s = env->RandomBytes(kMessageIdRandomBytes, &random);
  if (!s.ok()) return Status::Internal("no randomness for the Message-ID");

  MailMessage message;
  message.from_address = config.mail_from_address;
  message.from_display_name = mail.lang == Lang::kEn ? config.mail_from_name_en
                                                     : config.mail_from_name;
  message.to_address = mail.recipient;
  message.subject = mail.subject;
  message.date = env->Now();
  message.message_id_domain = DomainOf(config.mail_from_address);
  message.message_id_random = HexEncode(random);
  WipeOnExit wipe_body(&message.body);
  message.body = mail.has_secret ? FillSecret(mail.body, secret) : mail.body;

  s = transport(config, message);
  if (!s.ok()) return s;
  *message_id =
      "<" + message.message_id_random + "@" + message.message_id_domain + ">";
  return Status::Ok();
}

// What became of a mail a worker took.
enum class DeliveryResult { kNothingDue, kSent, kRetried, kFailed, kExpired };

// Claims the oldest due mail nobody holds, if any (`*mail`).
Status ClaimOldestDueMail(SqlSession* session, const std::string& now_text,
                          const Lease& lease, std::optional<DueMail>* mail) {
  mail->reset();
  std::vector<int64_t> ids;
  Status s = SelectDueIds(session, now_text, &ids);
  if (!s.ok()) return s;
  for (int64_t id : ids) {
    uint64_t claimed = 0;
    s = session->Execute(
        kClaimMail, {lease.owner, SqlTime(lease.until), id, now_text, now_text},
        &claimed);
    if (!s.ok()) return s;
    if (claimed == 0) continue;  // another worker was first
    std::vector<SqlRow> rows;
    s = session->Query(kReadClaimedMail, {id, lease.owner}, &rows);
    if (!s.ok()) return s;
    if (!rows.empty()) *mail = FromRow(rows[0]);
    break;
  }
  return Status::Ok();
}

// "outbox: mail <id> (<kind>)", how the log names a mail.
// A log line about `mail`: the event, then the mail's id and kind (never its
// recipient or body), then `more`.
std::string MailLogLine(const char* level, const char* event,
                        const DueMail& mail,
                        const std::vector<LogField>& more) {
  std::vector<LogField> fields = {{"level", level},
                                  {"event", event},
                                  {"mail_id", std::to_string(mail.id)},
                                  {"mail_kind", mail.kind}};
  fields.insert(fields.end(), more.begin(), more.end());
  return FormatLogLine(fields);
}

// Drops `mail` when it is past its not_after (`*expired`), wiping its
// secret; a code mail is never delivered after its code expired.
Status DropIfExpired(Env* env, SqlSession* session, const DueMail& mail,
                     const Lease& lease,
                     std::chrono::system_clock::time_point now, bool* expired) {
  *expired = false;
  if (mail.not_after.empty()) return Status::Ok();
  std::chrono::system_clock::time_point not_after;
  Status s = ParseSqlTime(mail.not_after, &not_after);
  if (!s.ok() || now <= not_after) return s;
  s = session->Execute(kMarkExpired, {mail.id, lease.owner});
  if (!s.ok()) return s;
  env->Log(
      MailLogLine("warning", "mail_expired", mail, {{"outcome", "dropped"}}));
  *expired = true;
  return Status::Ok();
}

// Records a failed send of `mail`: failed for good when the failure is
// permanent or the attempts are used up, else retried after a backoff.
// `*recorded` is 0 when the claim was no longer ours.
Status RecordFailedSend(Env* env, SqlSession* session, const DueMail& mail,
                        const Lease& lease, const Status& failure,
                        std::chrono::system_clock::time_point now,
                        DeliveryResult* result, uint64_t* recorded) {
  const int64_t attempts = mail.attempts + 1;
  const std::string error = ShortError(failure);
  const bool permanent = failure.code() == Status::Code::kInvalidInput;
  if (permanent || attempts >= env->config().mail_max_attempts) {
    *result = DeliveryResult::kFailed;
    return session->Execute(kMarkFailed,
                            {attempts, error, mail.id, lease.owner}, recorded);
  }
  *result = DeliveryResult::kRetried;
  return session->Execute(
      kMarkRetry,
      {attempts, SqlTime(now + Backoff(attempts)), error, mail.id, lease.owner},
      recorded);
}

// Claims the oldest due mail and drops it when it is past its not_after,
// in the caller's transaction. `*mail` is the claimed mail still to send;
// *result stays kNothingDue when nothing is due.
Status ClaimOne(Env* env, SqlSession* session, const Lease& lease,
                std::chrono::system_clock::time_point now,
                std::optional<DueMail>* mail, DeliveryResult* result) {
  *result = DeliveryResult::kNothingDue;
  Status s = ClaimOldestDueMail(session, SqlTime(now), lease, mail);
  if (!s.ok() || !*mail) return s;
  bool expired = false;
  s = DropIfExpired(env, session, **mail, lease, now, &expired);
  if (!s.ok()) return s;
  if (expired) {
    *result = DeliveryResult::kExpired;
    mail->reset();
  }
  return Status::Ok();
}

// Logs what became of a sent or failed mail, after its result committed.
void LogResult(Env* env, const DueMail& mail, const Status& sent,
               DeliveryResult result, uint64_t recorded) {
  if (recorded == 0) {
    // The claim expired while the mail was in hand and another worker took
    // it: it may go out twice (docs/scaling.md, the at-least-once window).
    env->Log(MailLogLine("warning", "mail_lease_lost", mail,
                         {{"outcome", sent.ok() ? "sent" : "not_sent"}}));
    return;
  }
  const std::string attempts = std::to_string(mail.attempts + 1);
  if (result == DeliveryResult::kFailed) {
    env->Log(MailLogLine("error", "mail_failed", mail,
                         {{"outcome", "failed"},
                          {"attempts", attempts},
                          {"detail", ShortError(sent)}}));
  } else if (result == DeliveryResult::kRetried) {
    env->Log(MailLogLine(
        "warning", "mail_retry", mail,
        {{"outcome", "retry"},
         {"attempts", attempts},
         {"retry_in_seconds",
          std::to_string(Backoff(mail.attempts + 1).count())},
         {"detail", ShortError(sent)}}));
  }
}

// Records the result of sending `mail` under `lease`. The mail has gone (or
// not) already, so a database that cannot be reached is asked again until
// the claim runs out; after that another worker sends it again.
Status RecordSend(Env* env, const DueMail& mail, const Lease& lease,
                  const Status& sent, const std::string& message_id,
                  DeliveryResult* result) {
  uint64_t recorded = 0;
  const auto patience = std::chrono::duration_cast<std::chrono::seconds>(
      lease.until - env->Now());
  Status s = env->db()->TransactionWithPatience(
      patience, [&](SqlSession* session) {
        if (!sent.ok()) {
          return RecordFailedSend(env, session, mail, lease, sent, env->Now(),
                                  result, &recorded);
        }
        *result = DeliveryResult::kSent;
        return session->Execute(
            kMarkSent, {SqlTime(env->Now()), message_id, mail.id, lease.owner},
            &recorded);
      });
  if (s.ok()) LogResult(env, mail, sent, *result, recorded);
  return s;
}

}  // namespace

std::string SealedSecretContext(const std::string& seal_ref,
                                const std::string& kind,
                                const std::string& recipient) {
  // seal_ref has a fixed length and kind no colon, so no two rows' fields
  // run together into the same text.
  return "mail_outbox:" + seal_ref + ":" + kind + ":" + recipient;
}

namespace {

// Appends kInsertMail's values of `mail`, queued at `now`, to `*row`,
// sealing its secret.
Status AppendMailRow(Env* env, const OutboxMail& mail,
                     std::chrono::system_clock::time_point now,
                     std::vector<SqlValue>* row) {
  SqlValue sealed = nullptr;
  SqlValue seal_ref = nullptr;
  if (!mail.secret.empty()) {
    if (mail.body.find(kSecretPlaceholder) == std::string::npos) {
      return Status::InvalidInput("outbox: a secret but no placeholder");
    }
    if (!mail.not_after) {
      return Status::InvalidInput("outbox: a secret but no not_after");
    }
    if (mail.kind.find(':') != std::string::npos) {
      return Status::InvalidInput("outbox: a kind with a colon");
    }
    std::string ref_bytes;
    Status s = env->RandomBytes(kSealRefBytes, &ref_bytes);
    if (!s.ok()) return s;
    const std::string ref = HexEncode(ref_bytes);
    std::string nonce;
    s = env->RandomBytes(kAeadNonceSize, &nonce);
    if (!s.ok()) return s;
    std::string sealed_secret;
    s = Seal(env->config().outbox_key, mail.secret,
             SealedSecretContext(ref, mail.kind, mail.recipient), nonce,
             &sealed_secret);
    if (!s.ok()) return s;
    sealed = std::move(sealed_secret);
    seal_ref = ref;
  }
  SqlValue not_after = nullptr;
  if (mail.not_after) not_after = SqlTime(*mail.not_after);
  for (SqlValue& value :
       std::vector<SqlValue>{mail.kind, mail.recipient, mail.subject,
                             mail.body, std::move(sealed), std::move(seal_ref),
                             std::move(not_after),
                             std::string(LangCode(mail.lang)), SqlTime(now),
                             SqlTime(now)}) {
    row->push_back(std::move(value));
  }
  return Status::Ok();
}

}  // namespace

Status EnqueueMail(Env* env, SqlSession* session, const OutboxMail& mail) {
  // Not EnqueueMails({mail}): that would copy the mail, its secret too.
  std::vector<SqlValue> row;
  Status s = AppendMailRow(env, mail, env->Now(), &row);
  if (!s.ok()) return s;
  return session->Execute(kInsertMail, row);
}

Status EnqueueMails(Env* env, SqlSession* session,
                    const std::vector<OutboxMail>& mails) {
  const auto now = env->Now();
  std::vector<SqlValue> rows;
  for (const OutboxMail& mail : mails) {
    Status s = AppendMailRow(env, mail, now, &rows);
    if (!s.ok()) return s;
  }
  return session->ExecuteInPairs(kInsertMail, kInsertTwoMails, kMailColumns,
                                 rows);
}

Status DeliverDueMail(Env* env, const MailTransport& transport,
                      DeliveryReport* report) {
  return DeliverDueMail(
      env, transport, [] { return true; }, report);
}

Status DeliverDueMail(Env* env, const MailTransport& transport,
                      const std::function<bool()>& keep_going,
                      DeliveryReport* report) {
  while (keep_going()) {
    DeliveryResult result = DeliveryResult::kNothingDue;
    std::optional<DueMail> mail;
    const auto now = env->Now();
    const Lease lease = NewLease(env->config(), now);
    Status s = env->db()->Transaction([&](SqlSession* session) {
      return ClaimOne(env, session, lease, now, &mail, &result);
    });
    if (!s.ok()) return s;
    if (result == DeliveryResult::kExpired) {
      ++report->expired;
      continue;
    }
    if (!mail) return Status::Ok();  // nothing due
    std::string message_id;
    const Status sent = Send(env, transport, *mail, &message_id);
    s = RecordSend(env, *mail, lease, sent, message_id, &result);
    if (!s.ok()) return s;
    switch (result) {
      case DeliveryResult::kSent:
        ++report->sent;
        break;
      case DeliveryResult::kFailed:
        ++report->failed;
        break;
      case DeliveryResult::kRetried:
        // The server is down or refusing for now: leave the rest of the
        // queue for the next pass rather than fail it mail by mail.
        ++report->retried;
        return Status::Ok();
      case DeliveryResult::kNothingDue:
      case DeliveryResult::kExpired:
        break;
    }
  }
  return Status::Ok();
}

const char* MailStateValue(MailState state) {
  return EntryOf(kMailStates, state).text;
}

Status ListMailForAccount(SqlSession* session,
                          const std::vector<std::string>& recipients,
                          int64_t limit, std::vector<MailRecord>* mails) {
  mails->clear();
  for (const auto& recipient : recipients) {
    if (recipient.empty()) continue;
    std::vector<SqlRow> rows;
    Status s = session->Query(kListMailTo, {recipient, limit}, &rows);
    if (s.ok()) s = MailRecordsFromRows(rows, mails);
    if (!s.ok()) return s;
  }
  std::sort(
      mails->begin(), mails->end(),
      [](const MailRecord& a, const MailRecord& b) { return a.id > b.id; });
  mails->erase(std::unique(mails->begin(), mails->end(),
                           [](const MailRecord& a, const MailRecord& b) {
                             return a.id == b.id;
                           }),
               mails->end());
  if (static_cast<int64_t>(mails->size()) > limit) mails->resize(limit);
  return Status::Ok();
}

Status ListFailedMail(SqlSession* session, int64_t before_id, int64_t limit,
                      std::vector<MailRecord>* mails) {
  mails->clear();
  const int64_t below =
      before_id > 0 ? before_id : std::numeric_limits<int64_t>::max();
  std::vector<SqlRow> rows;
  Status s = session->Query(kListFailed, {below, limit}, &rows);
  if (!s.ok()) return s;
  return MailRecordsFromRows(rows, mails);
}

Status RetryFailedMail(Env* env, SqlSession* session, int64_t id,
                       MailRetryOutcome* outcome, std::string* kind) {
  *outcome = MailRetryOutcome::kNotFound;
  kind->clear();
  std::vector<SqlRow> rows;
  Status s = session->Query(kLockForRetry, {id}, &rows);
  if (!s.ok() || rows.empty()) return s;
  *kind = rows[0].Text(1);
  if (rows[0].Text(0) != MailStateValue(MailState::kFailed)) {
    *outcome = MailRetryOutcome::kNotFailed;
    return Status::Ok();
  }
  if (rows[0].Int(2) != 0) {
    *outcome = MailRetryOutcome::kCarriedSecret;
    return Status::Ok();
  }
  s = session->Execute(kRetry, {SqlTime(env->Now()), id});
  if (s.ok()) *outcome = MailRetryOutcome::kRetried;
  return s;
}

Status DeleteExpiredMail(SqlSession* session,
                         std::chrono::system_clock::time_point before,
                         int64_t max_rows, uint64_t* deleted) {
  return session->Execute(kDeleteOldMail, {SqlTime(before), max_rows}, deleted);
}

Status ReadOutboxBacklog(SqlSession* session, OutboxBacklog* backlog) {
  *backlog = OutboxBacklog{};
  std::vector<SqlRow> rows;
  Status s = session->Query(kBacklog, {}, &rows);
  for (const SqlRow& row : rows) {
    if (!s.ok()) break;
    if (row.Text(0) == "failed") {
      backlog->failed = row.Int(1);
      continue;
    }
    backlog->pending = row.Int(1);
    std::chrono::system_clock::time_point oldest;
    s = ParseSqlTime(row.Text(2), &oldest);
    if (s.ok()) backlog->oldest_pending = oldest;
  }
  return s;
}

}  // namespace passwd
