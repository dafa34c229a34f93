// The operators and operator_sessions tables, their one owner: the
// console's operators, their login failures and lockouts, and their sessions
// (the housekeeper deletes old ones through DeleteExpiredOperatorSessions).
// A session's token is stored only as its hash.
#ifndef PASSWD_LIB_STORE_OPERATORS_H_
#define PASSWD_LIB_STORE_OPERATORS_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/database.h"
#include "base/status.h"

namespace passwd {

// An operator as the login reads it.
struct OperatorAccount {
  int64_t id = 0;
  std::string login;
  std::string display_name;
  std::string password_hash;
  int64_t failed_logins = 0;  // wrong passwords in a row
  std::optional<std::chrono::system_clock::time_point> locked_until;
  bool disabled = false;
};

// An operator as a filter lists it.
struct OperatorName {
  std::string login;
  std::string display_name;
};

// Reads the operator `login` and locks it to the end of the transaction;
// `*found` is empty when there is none.
Status FindOperatorForUpdate(SqlSession* session, const std::string& login,
                             std::optional<OperatorAccount>* found);

// Reads every operator's login and display name, by login.
Status ListOperatorNames(SqlSession* session,
                         std::vector<OperatorName>* operators);

// Stores `failed_logins` wrong passwords in a row for operator `id`, locked
// until `locked_until` when given.
Status RecordOperatorFailures(
    SqlSession* session, int64_t id, int64_t failed_logins,
    std::optional<std::chrono::system_clock::time_point> locked_until,
    std::chrono::system_clock::time_point now);

// Forgets operator `id`'s failures and lock (a successful login).
Status ClearOperatorFailures(SqlSession* session, int64_t id,
                             std::chrono::system_clock::time_point now);

// Creates operator `login`, or gives an existing one this display name and
// password hash, unlocked and enabled.
Status SaveOperator(SqlSession* session, const std::string& login,
                    const std::string& display_name,
                    const std::string& password_hash,
                    std::chrono::system_clock::time_point now);

// Disables operator `id` (its logins and sessions are refused) or enables it.
Status SetOperatorDisabled(SqlSession* session, int64_t id, bool disabled,
                           std::chrono::system_clock::time_point now);

// An open session and its operator, as a console request reads them.
struct OperatorSession {
  int64_t id = 0;
  std::chrono::system_clock::time_point created_at, last_seen_at;
  int64_t operator_id = 0;
  std::string login;
  std::string display_name;
  bool operator_disabled = false;
};

// Opens a session of `token_hash` for `operator_id` from `client_address`;
// sets `*id`.
Status OpenOperatorSession(SqlSession* session, const std::string& token_hash,
                           int64_t operator_id,
                           const std::string& client_address,
                           std::chrono::system_clock::time_point now,
                           int64_t* id);

// Reads the open (not ended) session of `token_hash`; `*found` is empty
// when there is none.
Status FindOpenOperatorSession(SqlSession* session,
                               const std::string& token_hash,
                               std::optional<OperatorSession>* found);

// Marks open session `id` used at `now`.
Status TouchOperatorSession(SqlSession* session, int64_t id,
                            std::chrono::system_clock::time_point now);

// Ends session `id` (if still open).
Status EndOperatorSession(SqlSession* session, int64_t id,
                          std::chrono::system_clock::time_point now);

// Ends the open session of `token_hash`, if any.
Status EndOperatorSessionOfToken(SqlSession* session,
                                 const std::string& token_hash,
                                 std::chrono::system_clock::time_point now);

// Ends every open session of operator `login`.
Status EndOperatorSessionsOf(SqlSession* session, const std::string& login,
                             std::chrono::system_clock::time_point now);

// Deletes at most `max_rows` sessions opened before `before` (the
// housekeeper's batches); `*deleted` counts them.
Status DeleteExpiredOperatorSessions(
    SqlSession* session, std::chrono::system_clock::time_point before,
    int64_t max_rows, uint64_t* deleted);

}  // namespace passwd

#endif  // PASSWD_LIB_STORE_OPERATORS_H_
