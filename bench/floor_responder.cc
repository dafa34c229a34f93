// The floor of what any page of the service could cost: a bare libfcgi
// responder that answers every request with the same 4 KB HTML page, and in
// the modes that touch the database, does one primary-key SELECT or one
// durable UPDATE and COMMIT first. It uses libfcgi and Connector/C++
// directly, never the project's library (docs/performance.md).
//
//   floor_responder page|select|update
//
// Started by scripts/bench like the pages (spawn-fcgi + multiwatch), one
// request at a time per process (FCGX_Accept_r loop). The database modes
// read BENCH_DB_SOCKET (MariaDB's unix socket), BENCH_DB_USER (empty
// password: the socket's own authentication), BENCH_DB_NAME and
// BENCH_DB_ROWS (ids 1..rows of table floor_rows).
#include <fcgiapp.h>

#include <cppconn/connection.h>
#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <string>

namespace {

enum class Mode { kPage, kSelect, kUpdate };

std::string Env(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

// A 4096-byte HTML page (headers not counted).
std::string MakeBody() {
  std::string body =
      "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">"
      "<title>floor</title></head><body><p>";
  const std::string tail = "</p></body></html>\n";
  while (body.size() + tail.size() < 4096) body += 'x';
  return body + tail;
}

}  // namespace

int main(int argc, char** argv) {
  Mode mode;
  if (argc == 2 && std::strcmp(argv[1], "page") == 0) {
    mode = Mode::kPage;
  } else if (argc == 2 && std::strcmp(argv[1], "select") == 0) {
    mode = Mode::kSelect;
  } else if (argc == 2 && std::strcmp(argv[1], "update") == 0) {
    mode = Mode::kUpdate;
  } else {
    std::fprintf(stderr, "usage: floor_responder page|select|update\n");
    return 2;
  }
  const std::string body = MakeBody();
  const std::string head = "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                           "Content-Length: " + std::to_string(body.size()) +
                           "\r\nCache-Control: no-store\r\n\r\n";
  const long rows = std::strtol(Env("BENCH_DB_ROWS", "1000").c_str(), nullptr, 10);
  std::mt19937_64 rng(std::random_device{}());
  std::uniform_int_distribution<long> pick(1, rows > 0 ? rows : 1);

  std::unique_ptr<sql::Connection> db;
  std::unique_ptr<sql::PreparedStatement> statement;
  if (mode != Mode::kPage) {
    try {
      sql::ConnectOptionsMap options;
      options["hostName"] = sql::SQLString("unix://" + Env("BENCH_DB_SOCKET", ""));
      options["userName"] = sql::SQLString(Env("BENCH_DB_USER", "root"));
      options["password"] = sql::SQLString("");
      options["schema"] = sql::SQLString(Env("BENCH_DB_NAME", "passwd_bench_floor"));
      options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
      db.reset(sql::mysql::get_mysql_driver_instance()->connect(options));
      if (mode == Mode::kSelect) {
        statement.reset(db->prepareStatement(
            "SELECT id, name, counter FROM floor_rows WHERE id = ?"));
      } else {
        db->setAutoCommit(false);
        statement.reset(db->prepareStatement(
            "UPDATE floor_rows SET counter = counter + 1 WHERE id = ?"));
      }
    } catch (const sql::SQLException& e) {
      std::fprintf(stderr, "floor_responder: database: %s\n", e.what());
      return 1;
    }
  }

  FCGX_Init();
  FCGX_Request request;
  FCGX_InitRequest(&request, 0, 0);
  while (FCGX_Accept_r(&request) >= 0) {
    bool ok = true;
    try {
      if (mode == Mode::kSelect) {
        statement->setInt64(1, pick(rng));
        std::unique_ptr<sql::ResultSet> result(statement->executeQuery());
        ok = result->next();
      } else if (mode == Mode::kUpdate) {
        statement->setInt64(1, pick(rng));
        ok = statement->executeUpdate() == 1;
        db->commit();
      }
    } catch (const sql::SQLException& e) {
      std::fprintf(stderr, "floor_responder: %s\n", e.what());
      ok = false;
    }
    if (ok) {
      FCGX_PutStr(head.data(), static_cast<int>(head.size()), request.out);
      FCGX_PutStr(body.data(), static_cast<int>(body.size()), request.out);
    } else {
      // A floor that fails must not look fast: wrk counts the 500s.
      static const char kError[] = "Status: 500 Internal Server Error\r\n"
                                   "Content-Type: text/plain\r\n\r\nfloor failed\n";
      FCGX_PutStr(kError, static_cast<int>(sizeof kError - 1), request.out);
    }
    FCGX_Finish_r(&request);
  }
  return 0;
}
