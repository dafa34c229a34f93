#include "store/rate_limit.h"

#include <vector>

namespace passwd {
namespace {

// Locks the subject's row (creating it on first use) to the end of the
// transaction: a duplicate key makes InnoDB take an exclusive lock.
const char kLockSubject[] =
    "INSERT INTO rate_limit_subjects (scope, subject, last_checked_at) "
    "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE "
    "last_checked_at = VALUES(last_checked_at)";
const char kWindowEvents[] =
    "SELECT COUNT(*), MIN(occurred_at) FROM rate_limit_events "
    "WHERE scope = ? AND subject = ? AND occurred_at > ?";
const char kInsertEvent[] =
    "INSERT INTO rate_limit_events (scope, subject, occurred_at) "
    "VALUES (?, ?, ?)";

}  // namespace

Status CheckRateLimit(
    SqlSession* session, const RateLimit& limit, const std::string& subject,
    std::chrono::system_clock::time_point now,
    std::optional<std::chrono::system_clock::time_point>* retry_at) {
  retry_at->reset();
  Status s = session->Execute(
      kLockSubject, {std::string(limit.scope), subject, SqlTime(now)});
  if (!s.ok()) return s;
  std::vector<SqlRow> rows;
  s = session->Query(
      kWindowEvents,
      {std::string(limit.scope), subject, SqlTime(now - limit.window)}, &rows);
  if (!s.ok()) return s;
  if (rows.empty() || rows[0].Int(0) < limit.max_events) return Status::Ok();
  std::chrono::system_clock::time_point oldest;
  s = ParseSqlTime(rows[0].Text(1), &oldest);
  if (!s.ok()) return s;
  *retry_at = oldest + limit.window + std::chrono::seconds(1);
  return Status::Ok();
}

Status RecordRateEvent(SqlSession* session, const RateLimit& limit,
                       const std::string& subject,
                       std::chrono::system_clock::time_point now) {
  return session->Execute(kInsertEvent,
                          {std::string(limit.scope), subject, SqlTime(now)});
}

}  // namespace passwd
