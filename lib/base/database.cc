#include "base/database.h"

#include <cppconn/connection.h>
#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <thread>

namespace passwd {
namespace {

// Client and server error codes that mean the connection is gone, or that
// its node cannot serve it (a Galera node outside the primary component, or
// still joining, answers 1047): either way another node may.
bool IsConnectionError(int code) {
  switch (code) {
    case 2002:  // CR_CONNECTION_ERROR
    case 2003:  // CR_CONN_HOST_ERROR
    case 2006:  // CR_SERVER_GONE_ERROR
    case 2013:  // CR_SERVER_LOST
    case 2055:  // CR_SERVER_LOST_EXTENDED
    case 1047:  // ER_UNKNOWN_COM_ERROR: WSREP has not yet prepared node
    case 1053:  // ER_SERVER_SHUTDOWN
    case 1927:  // ER_CONNECTION_KILLED
    case 4031:  // ER_CLIENT_INTERACTION_TIMEOUT
      return true;
    default:
      return false;
  }
}

// A conflict the server resolved by rolling the transaction back: a
// deadlock, a lock wait timeout, or (error 1213 too) a Galera certification
// failure or brute-force abort by a write from another node.
bool IsRetryableConflict(int code) {
  return code == 1213 /* deadlock */ || code == 1205 /* lock wait timeout */;
}

// How often Transaction runs `work` at most. Conflicts between nodes are
// more frequent than deadlocks on one server (every check of one rate-limit
// subject conflicts), hence more than the two or three tries a deadlock
// needs; each retry waits a little longer, with jitter, so that the
// conflicting transactions do not meet again.
constexpr int kMaxAttempts = 10;

void WaitBeforeRetry(int attempt) {
  static thread_local unsigned int seed =
      static_cast<unsigned int>(std::time(nullptr)) ^
      static_cast<unsigned int>(getpid());
  const long micros = 2000L * (1L << attempt) + rand_r(&seed) % 5000;
  std::this_thread::sleep_for(std::chrono::microseconds(micros));
}

// 1193: unknown system variable; a server built without wsrep has none.
constexpr int kUnknownVariable = 1193;

// 1062: ER_DUP_ENTRY, a unique key's value already taken.
constexpr int kDuplicateKey = 1062;

}  // namespace

int64_t SqlRow::Int(size_t i) const {
  const auto& v = values_.at(i);
  if (!v) return 0;
  return std::strtoll(v->c_str(), nullptr, 10);
}

void InitDatabaseDriver() { sql::mysql::get_mysql_driver_instance(); }

Database::Database(const Config& config)
    : hosts_(DbHostList(config.db_host)),
      wsrep_sync_wait_(config.db_wsrep_sync_wait),
      user_(config.db_user),
      password_(config.db_password),
      schema_(config.db_name),
      tls_ca_(config.db_tls_ca),
      tls_verify_server_(config.db_tls_verify_server) {
  // ConfigProblems refuses an empty list; a Config built in code may still
  // hold one URL only.
  if (hosts_.empty()) hosts_.push_back(config.db_host);
}

Database::~Database() { Disconnect(); }

void Database::Disconnect() {
  statements_.clear();
  connected_host_.clear();
  if (connection_) {
    try {
      connection_->close();
    } catch (const sql::SQLException&) {
      // Already gone; nothing to release on the server.
    }
    connection_.reset();
  }
}

std::string Database::ConnectedHost() const { return connected_host_; }

Status Database::Connect() {
  Disconnect();
  Status first_failure;
  for (size_t i = 0; i < hosts_.size(); ++i) {
    const size_t index = (current_ + i) % hosts_.size();
    Status s = ConnectTo(hosts_[index]);
    if (s.ok()) {
      current_ = index;
      return s;
    }
    if (i == 0) first_failure = s;
  }
  return first_failure;
}

Status Database::ConnectTo(const std::string& host) {
  try {
    sql::mysql::MySQL_Driver* driver = sql::mysql::get_mysql_driver_instance();
    // The client library's state of this thread (a no-op after the first).
    driver->threadInit();
    sql::ConnectOptionsMap options;
    options["hostName"] = sql::SQLString(host);
    options["userName"] = sql::SQLString(user_);
    options["password"] = sql::SQLString(password_);
    options["schema"] = sql::SQLString(schema_);
    options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    options["OPT_RECONNECT"] = false;
    options["OPT_CONNECT_TIMEOUT"] = 3;
    options["OPT_READ_TIMEOUT"] = 10;
    options["OPT_WRITE_TIMEOUT"] = 10;
    if (!tls_ca_.empty()) {
      // Encrypted or not at all: sslEnforce refuses a server that offers no
      // TLS instead of falling back to plain text.
      options["sslCA"] = sql::SQLString(tls_ca_);
      options["sslEnforce"] = true;
      options["sslVerify"] = tls_verify_server_;
    }
    connection_.reset(driver->connect(options));
    std::unique_ptr<sql::Statement> st(connection_->createStatement());
    st->execute("SET time_zone = '+00:00'");
    st->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
    if (wsrep_sync_wait_ > 0) {
      try {
        st->execute("SET SESSION wsrep_sync_wait = " +
                    std::to_string(wsrep_sync_wait_));
      } catch (const sql::SQLException& e) {
        if (e.getErrorCode() != kUnknownVariable) throw;
      }
    }
    connected_host_ = host;
    return Status::Ok();
  } catch (const sql::SQLException& e) {
    connection_.reset();
    last_error_code_ = e.getErrorCode();
    return Status::Unavailable("cannot connect to the database at " + host +
                               ": " + std::string(e.what()));
  }
}

Status Database::FromSqlError(int error_code, const std::string& what) {
  last_error_code_ = error_code;
  if (IsConnectionError(error_code) || !connection_ ||
      connection_->isClosed()) {
    const std::string host = connected_host_;
    Disconnect();
    // The next connection starts from the next node: this one may be dead.
    current_ = (current_ + 1) % hosts_.size();
    return Status::Unavailable("database connection to " + host +
                               " lost: " + what);
  }
  return Status::Internal("database error " + std::to_string(error_code) +
                          ": " + what);
}

Status Database::RunOnce(const std::function<Status(SqlSession*)>& work,
                         bool* retryable) {
  *retryable = false;
  last_error_code_ = 0;
  if (!connection_) {
    Status s = Connect();
    if (!s.ok()) return s;
  }
  try {
    // Sent to the server (unlike setAutoCommit, which the client caches), so
    // a connection that died while idle shows here, before any work.
    std::unique_ptr<sql::Statement> begin(connection_->createStatement());
    begin->execute("START TRANSACTION");
  } catch (const sql::SQLException& e) {
    // Nothing ran yet: safe to open a new connection and run it all again.
    Status s = FromSqlError(e.getErrorCode(), e.what());
    *retryable = !connection_ || IsRetryableConflict(last_error_code_);
    return s;
  }
  SqlSession session(this, /*read_only=*/false);
  Status s = work(&session);
  if (!s.ok()) {
    // Lost before the commit: the server rolls the transaction back, so it
    // may run again on another node. A conflict rolled it back already.
    *retryable = IsRetryableConflict(last_error_code_) ||
                 (!connection_ && IsConnectionError(last_error_code_));
    if (connection_) {
      try {
        std::unique_ptr<sql::Statement> rollback(
            connection_->createStatement());
        rollback->execute("ROLLBACK");
      } catch (const sql::SQLException& e) {
        return FromSqlError(e.getErrorCode(), e.what());
      }
    }
    return s;
  }
  try {
    // A statement, like START TRANSACTION: Connector/C++'s commit() does
    // not report the error a COMMIT gets (seen with Debian 12's libmysqlcppconn
    // 1.1.12 on Galera: a transaction rolled back by a replicated write
    // while it sat between its last statement and the commit "committed").
    std::unique_ptr<sql::Statement> commit(connection_->createStatement());
    commit->execute("COMMIT");
  } catch (const sql::SQLException& e) {
    // A certification failure happens at the commit on Galera and rolled
    // everything back; a lost connection leaves the outcome unknown.
    Status failed = FromSqlError(e.getErrorCode(), e.what());
    *retryable = IsRetryableConflict(last_error_code_);
    return failed;
  }
  return Status::Ok();
}

Status Database::Transaction(const std::function<Status(SqlSession*)>& work) {
  Status s;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    bool retryable = false;
    s = RunOnce(work, &retryable);
    if (!retryable) break;
    if (IsRetryableConflict(last_error_code_)) WaitBeforeRetry(attempt);
  }
  return s;
}

Status Database::Read(const std::function<Status(SqlSession*)>& work) {
  Status s;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    last_error_code_ = 0;
    if (!connection_) {
      s = Connect();
      if (!s.ok()) return s;
    }
    SqlSession session(this, /*read_only=*/true);
    s = work(&session);
    // Lost (FromSqlError dropped the connection): read again elsewhere.
    if (s.ok() || connection_ || !IsConnectionError(last_error_code_)) break;
  }
  return s;
}

Status Database::TransactionWithPatience(
    std::chrono::seconds patience,
    const std::function<Status(SqlSession*)>& work) {
  const auto give_up = std::chrono::steady_clock::now() + patience;
  for (;;) {
    Status s = Transaction(work);
    if (s.code() != Status::Code::kUnavailable ||
        std::chrono::steady_clock::now() + std::chrono::seconds(1) >= give_up) {
      return s;
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

Status SqlSession::Prepare(const char* statement,
                           sql::PreparedStatement** out) {
  auto& cache = db_->statements_;
  auto it = cache.find(statement);
  if (it == cache.end()) {
    if (!db_->connection_) return Status::Unavailable("no connection");
    std::unique_ptr<sql::PreparedStatement> ps(
        db_->connection_->prepareStatement(statement));
    it = cache.emplace(statement, std::move(ps)).first;
  }
  *out = it->second.get();
  return Status::Ok();
}

void SqlSession::Bind(sql::PreparedStatement* ps,
                      const std::vector<SqlValue>& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    unsigned int index = static_cast<unsigned int>(i + 1);
    const SqlValue& v = params[i];
    if (std::holds_alternative<std::nullptr_t>(v)) {
      ps->setNull(index, 0);
    } else if (std::holds_alternative<int64_t>(v)) {
      ps->setInt64(index, std::get<int64_t>(v));
    } else {
      ps->setString(index, std::get<std::string>(v));
    }
  }
}

Status SqlSession::Execute(const char* statement,
                           const std::vector<SqlValue>& params,
                           uint64_t* affected) {
  if (read_only_) {
    return Status::Internal(std::string("a write in a read: ") + statement);
  }
  try {
    sql::PreparedStatement* ps = nullptr;
    Status s = Prepare(statement, &ps);
    if (!s.ok()) return s;
    Bind(ps, params);
    int rows = ps->executeUpdate();
    if (affected) *affected = static_cast<uint64_t>(rows);
    return Status::Ok();
  } catch (const sql::SQLException& e) {
    return db_->FromSqlError(e.getErrorCode(), e.what());
  }
}

Status SqlSession::ExecuteScriptStatement(const std::string& statement) {
  if (read_only_) return Status::Internal("a script statement in a read");
  try {
    if (!db_->connection_) return Status::Unavailable("no database connection");
    std::unique_ptr<sql::Statement> st(db_->connection_->createStatement());
    if (st->execute(statement)) {
      std::unique_ptr<sql::ResultSet> ignored(st->getResultSet());
    }
    return Status::Ok();
  } catch (const sql::SQLException& e) {
    return db_->FromSqlError(e.getErrorCode(), e.what());
  }
}

Status SqlSession::Query(const char* statement,
                         const std::vector<SqlValue>& params,
                         std::vector<SqlRow>* rows) {
  try {
    sql::PreparedStatement* ps = nullptr;
    Status s = Prepare(statement, &ps);
    if (!s.ok()) return s;
    Bind(ps, params);
    std::unique_ptr<sql::ResultSet> rs(ps->executeQuery());
    unsigned int columns = rs->getMetaData()->getColumnCount();
    while (rs->next()) {
      std::vector<std::optional<std::string>> values;
      values.reserve(columns);
      for (unsigned int c = 1; c <= columns; ++c) {
        std::string text = rs->getString(c);
        if (rs->wasNull()) {
          values.emplace_back(std::nullopt);
        } else {
          values.emplace_back(std::move(text));
        }
      }
      rows->emplace_back(std::move(values));
    }
    return Status::Ok();
  } catch (const sql::SQLException& e) {
    return db_->FromSqlError(e.getErrorCode(), e.what());
  }
}

Status SqlSession::InsertUnlessTaken(const char* statement,
                                     const std::vector<SqlValue>& params,
                                     bool* taken) {
  *taken = false;
  db_->last_error_code_ = 0;
  Status s = Execute(statement, params);
  if (!s.ok() && db_->last_error_code_ == kDuplicateKey && db_->connection_) {
    *taken = true;
    return Status::Ok();
  }
  return s;
}

Status SqlSession::ExecuteInPairs(const char* one_row, const char* two_rows,
                                  size_t columns,
                                  const std::vector<SqlValue>& values) {
  Status s;
  size_t at = 0;
  while (s.ok() && at < values.size()) {
    const bool two = values.size() - at >= 2 * columns;
    const size_t n = two ? 2 * columns : columns;
    s = Execute(two ? two_rows : one_row,
                std::vector<SqlValue>(values.begin() + at,
                                      values.begin() + at + n));
    at += n;
  }
  return s;
}

Status SqlSession::InsertReturningId(const char* statement,
                                     const std::vector<SqlValue>& params,
                                     uint64_t* id) {
  *id = 0;
  if (read_only_) {
    return Status::Internal(std::string("a write in a read: ") + statement);
  }
  std::vector<SqlRow> rows;
  Status s = Query(statement, params, &rows);
  if (s.ok() && rows.empty()) s = Status::Internal("no id returned");
  if (s.ok()) *id = static_cast<uint64_t>(rows[0].Int(0));
  return s;
}

Status SqlSession::LastInsertId(uint64_t* id) {
  static const char kLastInsertId[] = "SELECT LAST_INSERT_ID()";
  std::vector<SqlRow> rows;
  Status s = Query(kLastInsertId, {}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) return Status::Internal("no LAST_INSERT_ID");
  *id = static_cast<uint64_t>(rows[0].Int(0));
  return Status::Ok();
}

std::string SqlTime(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

Status ParseSqlTime(const std::string& text,
                    std::chrono::system_clock::time_point* t) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%Y-%m-%d %H:%M:%S", &tm);
  if (!end || (*end != '\0' && *end != '.')) {
    return Status::Internal("bad DATETIME text");
  }
  *t = std::chrono::system_clock::from_time_t(timegm(&tm));
  return Status::Ok();
}

}  // namespace passwd
