// Rate limits kept in the database, so they hold across processes and hosts:
// each limited event is a row; a limit counts the rows of a window.
#ifndef PASSWD_LIB_STORE_RATE_LIMIT_H_
#define PASSWD_LIB_STORE_RATE_LIMIT_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/database.h"
#include "base/status.h"

namespace passwd {

// One limit: at most `max_events` of `scope` per subject per `window`.
struct RateLimit {
  const char* scope;  // e.g. "code_send_account"
  long max_events;    // allowed within one window
  std::chrono::seconds window;
  // Whether a refusal counts in the metrics' rate_limited_total. False for a
  // limit that stands in for something else and must not be told apart from
  // it (the console's unknown logins, answered as a locked operator is).
  bool counted = true;
};

// Sets `*retry_at` to when the next event will be allowed if `subject` has
// reached the limit in the window ending `now` (counting the refusal in the
// metrics when the limit is `counted`), and leaves it empty if not.
// Locks the subject to the end of the transaction, so a check and the
// RecordRateEvent that follows it in the same transaction cannot interleave
// with another request's.
Status CheckRateLimit(
    SqlSession* session, const RateLimit& limit, const std::string& subject,
    std::chrono::system_clock::time_point now,
    std::optional<std::chrono::system_clock::time_point>* retry_at);

// Records one event of `scope` for `subject` at `now`.
Status RecordRateEvent(SqlSession* session, const RateLimit& limit,
                       const std::string& subject,
                       std::chrono::system_clock::time_point now);

// Events a request records once it knows its outcome, all in one statement
// (a round trip each saved): a code request passes the address's limit
// first and the account's later, and records both events at its end. The
// subjects stay locked by their checks until the transaction ends, so
// recording later in the same transaction counts the same. A check of a
// subject after its event was added would not see that event: add an
// event only once its subject's checks are done.
class RateEventBatch {
 public:
  void Add(const RateLimit& limit, const std::string& subject,
           std::chrono::system_clock::time_point now);
  // Records every event added, and empties the batch; OK when it is empty.
  Status Record(SqlSession* session);

 private:
  std::vector<SqlValue> rows_;  // scope, subject, occurred_at per event
};

// The events of one scope and subject after some time, as ReadRateEvents
// reads them.
struct RateEvents {
  int64_t count = 0;
  std::optional<std::chrono::system_clock::time_point> latest;  // the newest
};

// Reads the events of `limit.scope` for `subject` that occurred after
// `since`, locking the subject as CheckRateLimit does: for a rule that is
// no plain limit per window (the console's unknown logins, which imitate
// an operator's failures in a row and lockout).
Status ReadRateEvents(SqlSession* session, const RateLimit& limit,
                      const std::string& subject,
                      std::chrono::system_clock::time_point since,
                      std::chrono::system_clock::time_point now,
                      RateEvents* events);

// Deletes at most `max_rows` events that occurred before `before` (the
// housekeeper's batches); `*deleted` counts them.
Status DeleteExpiredRateEvents(SqlSession* session,
                               std::chrono::system_clock::time_point before,
                               int64_t max_rows, uint64_t* deleted);

// Deletes at most `max_rows` subject rows last checked before `before`;
// `*deleted` counts them.
Status DeleteExpiredRateSubjects(SqlSession* session,
                                 std::chrono::system_clock::time_point before,
                                 int64_t max_rows, uint64_t* deleted);

}  // namespace passwd

#endif  // PASSWD_LIB_STORE_RATE_LIMIT_H_
