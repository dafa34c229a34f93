// One persistent MariaDB connection per process through Connector/C++, with
// prepared statements and reconnection. Connector/C++ exceptions stop here
// and become Status values; no caller ever sees sql::SQLException.
#ifndef PASSWD_LIB_BASE_DATABASE_H_
#define PASSWD_LIB_BASE_DATABASE_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/config.h"
#include "base/status.h"

namespace sql {
class Connection;
class PreparedStatement;
}  // namespace sql

namespace passwd {

// A statement parameter: NULL, an integer or a string (dates and times as
// 'YYYY-MM-DD HH:MM:SS' UTC text).
using SqlValue = std::variant<std::nullptr_t, int64_t, std::string>;

// NULL for an empty string, else the string.
inline SqlValue NullIfEmpty(const std::string& s) {
  if (s.empty()) return nullptr;
  return s;
}

// NULL for an id of 0 or less (none), else the id.
inline SqlValue NullIfZero(int64_t id) {
  if (id <= 0) return nullptr;
  return id;
}

// One row of a result set, by column position.
class SqlRow {
 public:
  explicit SqlRow(std::vector<std::optional<std::string>> values)
      : values_(std::move(values)) {}
  // True when column `i` is NULL.
  bool IsNull(size_t i) const { return !values_.at(i).has_value(); }
  // Column `i` as text ("" when NULL).
  std::string Text(size_t i) const { return values_.at(i).value_or(""); }
  // Column `i` as an integer (0 when NULL or not a number).
  int64_t Int(size_t i) const;
  size_t size() const { return values_.size(); }

 private:
  std::vector<std::optional<std::string>> values_;
};

// The statements of one transaction. Every statement is prepared once per
// connection and cached by its text's address, so a statement must be a
// string constant with static storage (kept in one place), never built text.
class SqlSession {
 public:
  // Runs a statement that returns no rows; `affected` may be null.
  Status Execute(const char* statement, const std::vector<SqlValue>& params,
                 uint64_t* affected = nullptr);
  // Runs a query and appends its rows to `rows`.
  Status Query(const char* statement, const std::vector<SqlValue>& params,
               std::vector<SqlRow>* rows);
  // Runs one statement of a migration file as text, unprepared: the one
  // exception to "every statement a constant", for `umin-passwdctl migrate`.
  Status ExecuteScriptStatement(const std::string& statement);
  // Runs an INSERT and sets `*taken` when a unique key of its row is taken:
  // the server then undoes that statement only, and the transaction goes on.
  Status InsertUnlessTaken(const char* statement,
                           const std::vector<SqlValue>& params, bool* taken);
  // Inserts rows of `columns` values each, `values` holding them one after
  // another: two rows a statement with `two_rows` (its VALUES list written
  // twice), a last odd one with `one_row`. A statement stands for each
  // count of rows, as every statement here must be a constant.
  Status ExecuteInPairs(const char* one_row, const char* two_rows,
                        size_t columns, const std::vector<SqlValue>& values);
  // Runs an INSERT that ends in "RETURNING id" and sets `*id` to the new
  // row's id, in the insert's own round trip. MariaDB wants SELECT on every
  // column the insert names for a RETURNING; where an account may not read
  // them, LastInsertId asks for the id.
  Status InsertReturningId(const char* statement,
                           const std::vector<SqlValue>& params, uint64_t* id);
  // The AUTO_INCREMENT value of the last insert (a round trip).
  Status LastInsertId(uint64_t* id);

 private:
  friend class Database;
  SqlSession(class Database* db, bool read_only)
      : db_(db), read_only_(read_only) {}
  Status Prepare(const char* statement, sql::PreparedStatement** out);
  void Bind(sql::PreparedStatement* ps, const std::vector<SqlValue>& params);

  class Database* db_;
  bool read_only_;  // Database::Read's session: no Execute
};

// The process's one connection to MariaDB and its prepared statements.
class Database {
 public:
  explicit Database(const Config& config);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs `work` in one transaction and commits when it returns OK, rolls
  // back otherwise. `work` may run more than once, so it must only touch
  // the database: it runs again on a new connection, to the next node of
  // db_host's list, when the connection was lost before the commit, and
  // again after a deadlock or a Galera certification failure (error 1213,
  // at any statement or at the commit). A connection lost during the commit
  // is never retried: the commit may have happened. Returns Unavailable
  // when no node can be reached or the commit's outcome is unknown.
  Status Transaction(const std::function<Status(SqlSession*)>& work);

  // Runs `work`, which only reads, without a transaction: each statement
  // runs on its own (autocommit), so a page that only shows rows saves the
  // two round trips of START TRANSACTION and COMMIT. Under READ COMMITTED,
  // the isolation every connection here uses, a transaction would give its
  // statements no shared snapshot either: each sees the rows committed when
  // it runs, as here. A write in `work` fails with Internal and writes
  // nothing. `work` runs again, on a new connection to the next node, when
  // the connection was lost: a read is safe to repeat.
  Status Read(const std::function<Status(SqlSession*)>& work);

  // As Transaction, but while the database cannot be reached it tries
  // again every second for up to `patience`: for a result that must not be
  // lost, such as a mail that has gone out.
  Status TransactionWithPatience(
      std::chrono::seconds patience,
      const std::function<Status(SqlSession*)>& work);

  // The URL of the node the connection is open to; "" when none is.
  std::string ConnectedHost() const;

 private:
  friend class SqlSession;
  // Opens a connection to the first node of the list that answers,
  // starting from the current one.
  Status Connect();
  Status ConnectTo(const std::string& host);
  void Disconnect();
  Status RunOnce(const std::function<Status(SqlSession*)>& work,
                 bool* retryable);
  // Turns a Connector/C++ error into a Status and drops a broken connection
  // (the next connection then starts from the next node).
  Status FromSqlError(int error_code, const std::string& what);

  std::vector<std::string> hosts_;  // db_host's list, never empty
  size_t current_ = 0;              // the node to try first
  long wsrep_sync_wait_ = 0;
  std::string user_, password_, schema_;
  std::string tls_ca_;  // "" for no TLS
  bool tls_verify_server_ = true;
  std::unique_ptr<sql::Connection> connection_;
  std::string connected_host_;
  std::map<const char*, std::unique_ptr<sql::PreparedStatement>> statements_;
  int last_error_code_ = 0;
};

// Initialises Connector/C++'s driver (and the client library under it);
// call once before threads open connections.
void InitDatabaseDriver();

// Formats a time as 'YYYY-MM-DD HH:MM:SS' in UTC, the form stored in DATETIME.
std::string SqlTime(std::chrono::system_clock::time_point t);
// Parses SqlTime's format (UTC).
Status ParseSqlTime(const std::string& text,
                    std::chrono::system_clock::time_point* t);

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_DATABASE_H_
