#include "store/operators.h"

namespace passwd {
namespace {

using std::chrono::system_clock;

const char kFindOperator[] =
    "SELECT id, login, display_name, password_hash, failed_logins, "
    "locked_until, disabled FROM operators WHERE login = ? FOR UPDATE";
const char kOperatorNames[] =
    "SELECT login, display_name FROM operators ORDER BY login";
const char kRecordFailure[] =
    "UPDATE operators SET failed_logins = ?, locked_until = ?, updated_at = ? "
    "WHERE id = ?";
const char kClearFailures[] =
    "UPDATE operators SET failed_logins = 0, locked_until = NULL, "
    "updated_at = ? WHERE id = ?";
const char kUpsertOperator[] =
    "INSERT INTO operators (login, display_name, password_hash, "
    "failed_logins, locked_until, disabled, created_at, updated_at) "
    "VALUES (?, ?, ?, 0, NULL, 0, ?, ?) ON DUPLICATE KEY UPDATE "
    "display_name = VALUES(display_name), "
    "password_hash = VALUES(password_hash), failed_logins = 0, "
    "locked_until = NULL, disabled = 0, updated_at = VALUES(updated_at)";
const char kSetDisabled[] =
    "UPDATE operators SET disabled = ?, updated_at = ? WHERE id = ?";
const char kInsertSession[] =
    "INSERT INTO operator_sessions (token_hash, operator_id, client_address, "
    "created_at, last_seen_at) VALUES (?, ?, ?, ?, ?) RETURNING id";
const char kFindSession[] =
    "SELECT s.id, s.created_at, s.last_seen_at, o.id, o.login, "
    "o.display_name, o.disabled FROM operator_sessions s "
    "JOIN operators o ON o.id = s.operator_id "
    "WHERE s.token_hash = ? AND s.ended_at IS NULL";
const char kTouchSession[] =
    "UPDATE operator_sessions SET last_seen_at = ? "
    "WHERE id = ? AND ended_at IS NULL";
const char kEndSession[] =
    "UPDATE operator_sessions SET ended_at = ? "
    "WHERE id = ? AND ended_at IS NULL";
const char kEndSessionOfToken[] =
    "UPDATE operator_sessions SET ended_at = ? "
    "WHERE token_hash = ? AND ended_at IS NULL";
const char kDeleteOldSessions[] =
    "DELETE FROM operator_sessions WHERE created_at < ? LIMIT ?";
const char kEndSessionsOfLogin[] =
    "UPDATE operator_sessions s JOIN operators o ON o.id = s.operator_id "
    "SET s.ended_at = ? WHERE o.login = ? AND s.ended_at IS NULL";

Status OperatorFromRow(const SqlRow& row, OperatorAccount* op) {
  op->id = row.Int(0);
  op->login = row.Text(1);
  op->display_name = row.Text(2);
  op->password_hash = row.Text(3);
  op->failed_logins = row.Int(4);
  op->disabled = row.Int(6) != 0;
  if (row.IsNull(5)) return Status::Ok();
  system_clock::time_point locked_until;
  Status s = ParseSqlTime(row.Text(5), &locked_until);
  if (s.ok()) op->locked_until = locked_until;
  return s;
}

Status SessionFromRow(const SqlRow& row, OperatorSession* s) {
  s->id = row.Int(0);
  s->operator_id = row.Int(3);
  s->login = row.Text(4);
  s->display_name = row.Text(5);
  s->operator_disabled = row.Int(6) != 0;
  Status t = ParseSqlTime(row.Text(1), &s->created_at);
  if (t.ok()) t = ParseSqlTime(row.Text(2), &s->last_seen_at);
  return t;
}

}  // namespace

Status FindOperatorForUpdate(SqlSession* session, const std::string& login,
                             std::optional<OperatorAccount>* found) {
  found->reset();
  std::vector<SqlRow> rows;
  Status s = session->Query(kFindOperator, {login}, &rows);
  if (!s.ok() || rows.empty()) return s;
  OperatorAccount op;
  s = OperatorFromRow(rows[0], &op);
  if (s.ok()) *found = op;
  return s;
}

Status ListOperatorNames(SqlSession* session,
                         std::vector<OperatorName>* operators) {
  std::vector<SqlRow> rows;
  Status s = session->Query(kOperatorNames, {}, &rows);
  for (const auto& row : rows) {
    operators->push_back({row.Text(0), row.Text(1)});
  }
  return s;
}

Status RecordOperatorFailures(
    SqlSession* session, int64_t id, int64_t failed_logins,
    std::optional<system_clock::time_point> locked_until,
    system_clock::time_point now) {
  return session->Execute(
      kRecordFailure,
      {failed_logins,
       locked_until ? SqlValue(SqlTime(*locked_until)) : SqlValue(nullptr),
       SqlTime(now), id});
}

Status ClearOperatorFailures(SqlSession* session, int64_t id,
                             system_clock::time_point now) {
  return session->Execute(kClearFailures, {SqlTime(now), id});
}

Status SaveOperator(SqlSession* session, const std::string& login,
                    const std::string& display_name,
                    const std::string& password_hash,
                    system_clock::time_point now) {
  return session->Execute(kUpsertOperator, {login, display_name, password_hash,
                                            SqlTime(now), SqlTime(now)});
}

Status SetOperatorDisabled(SqlSession* session, int64_t id, bool disabled,
                           system_clock::time_point now) {
  return session->Execute(kSetDisabled,
                          {int64_t{disabled ? 1 : 0}, SqlTime(now), id});
}

Status OpenOperatorSession(SqlSession* session, const std::string& token_hash,
                           int64_t operator_id,
                           const std::string& client_address,
                           system_clock::time_point now, int64_t* id) {
  uint64_t inserted = 0;
  Status s = session->InsertReturningId(
      kInsertSession,
      {token_hash, operator_id, client_address, SqlTime(now), SqlTime(now)},
      &inserted);
  if (s.ok()) *id = static_cast<int64_t>(inserted);
  return s;
}

Status FindOpenOperatorSession(SqlSession* session,
                               const std::string& token_hash,
                               std::optional<OperatorSession>* found) {
  found->reset();
  std::vector<SqlRow> rows;
  Status s = session->Query(kFindSession, {token_hash}, &rows);
  if (!s.ok() || rows.empty()) return s;
  OperatorSession open;
  s = SessionFromRow(rows[0], &open);
  if (s.ok()) *found = open;
  return s;
}

Status TouchOperatorSession(SqlSession* session, int64_t id,
                            system_clock::time_point now) {
  return session->Execute(kTouchSession, {SqlTime(now), id});
}

Status EndOperatorSession(SqlSession* session, int64_t id,
                          system_clock::time_point now) {
  return session->Execute(kEndSession, {SqlTime(now), id});
}

Status EndOperatorSessionOfToken(SqlSession* session,
                                 const std::string& token_hash,
                                 system_clock::time_point now) {
  return session->Execute(kEndSessionOfToken, {SqlTime(now), token_hash});
}

Status EndOperatorSessionsOf(SqlSession* session, const std::string& login,
                             system_clock::time_point now) {
  return session->Execute(kEndSessionsOfLogin, {SqlTime(now), login});
}

Status DeleteExpiredOperatorSessions(
    SqlSession* session, std::chrono::system_clock::time_point before,
    int64_t max_rows, uint64_t* deleted) {
  return session->Execute(kDeleteOldSessions, {SqlTime(before), max_rows},
                          deleted);
}

}  // namespace passwd
