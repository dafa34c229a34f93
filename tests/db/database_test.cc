// The database wrapper against the real MariaDB of the running stack
// (PASSWD_CONFIG names its configuration): transactions, prepared
// statements, and reconnecting after the connection is killed.
#include "base/database.h"

#include <boost/test/unit_test.hpp>
#include <cstdlib>

#include "db_fixture.h"

namespace passwd {
namespace {

const char kConnectionId[] = "SELECT CONNECTION_ID()";
const char kKill[] = "KILL CONNECTION ?";
const char kInsertEvent[] =
    "INSERT INTO rate_limit_events (scope, subject, occurred_at) "
    "VALUES ('db_test', ?, UTC_TIMESTAMP())";
const char kCountEvents[] =
    "SELECT COUNT(*) FROM rate_limit_events WHERE scope = 'db_test' AND "
    "subject = ?";
const char kDeleteEvents[] =
    "DELETE FROM rate_limit_events WHERE scope = 'db_test'";
const char kEcho[] = "SELECT ?, ?, ?";

int64_t CountEvents(Database* db, const std::string& subject) {
  int64_t n = -1;
  Status s = db->Transaction([&](SqlSession* session) {
    std::vector<SqlRow> rows;
    Status q = session->Query(kCountEvents, {subject}, &rows);
    if (q.ok()) n = rows.at(0).Int(0);
    return q;
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  return n;
}

BOOST_AUTO_TEST_SUITE(database)

BOOST_AUTO_TEST_CASE(binds_parameters_and_reads_nulls) {
  Database db(TestConfig());
  std::vector<SqlRow> rows;
  Status s = db.Transaction([&](SqlSession* session) {
    return session->Query(kEcho, {std::string("山田"), int64_t{42}, nullptr},
                          &rows);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(rows.at(0).Text(0) == "山田");
  BOOST_TEST(rows.at(0).Int(1) == 42);
  BOOST_TEST(rows.at(0).IsNull(2));
}

BOOST_AUTO_TEST_CASE(commits_on_ok_and_rolls_back_on_error) {
  Database db(TestConfig());
  Status s = db.Transaction([](SqlSession* session) {
    return session->Execute(kInsertEvent, {std::string("rolled-back")});
  });
  BOOST_REQUIRE(s.ok());
  BOOST_TEST(CountEvents(&db, "rolled-back") == 1);
  s = db.Transaction([](SqlSession* session) {
    Status e = session->Execute(kInsertEvent, {std::string("never")});
    if (!e.ok()) return e;
    return Status::InvalidInput("changed my mind");
  });
  BOOST_TEST((s.code() == Status::Code::kInvalidInput));
  BOOST_TEST(CountEvents(&db, "never") == 0);
  BOOST_REQUIRE(db.Transaction([](SqlSession* session) {
                    return session->Execute(kDeleteEvents, {});
                  }).ok());
}

BOOST_AUTO_TEST_CASE(reconnects_after_the_connection_is_killed) {
  Database victim(TestConfig());
  Database killer(TestConfig());
  int64_t id = 0;
  BOOST_REQUIRE(victim
                    .Transaction([&](SqlSession* session) {
                      std::vector<SqlRow> rows;
                      Status q = session->Query(kConnectionId, {}, &rows);
                      if (q.ok()) id = rows.at(0).Int(0);
                      return q;
                    })
                    .ok());
  Status killed = killer.Transaction(
      [&](SqlSession* session) { return session->Execute(kKill, {id}); });
  BOOST_REQUIRE_MESSAGE(killed.ok(), killed.ToString());
  int64_t new_id = 0;
  Status s = victim.Transaction([&](SqlSession* session) {
    std::vector<SqlRow> rows;
    Status q = session->Query(kConnectionId, {}, &rows);
    if (q.ok()) new_id = rows.at(0).Int(0);
    return q;
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(new_id != id);
}

BOOST_AUTO_TEST_CASE(a_read_runs_no_transaction_and_takes_no_write) {
  Database db(TestConfig());
  std::vector<SqlRow> rows;
  Status s = db.Read([&](SqlSession* session) {
    Status q = session->Query(kEcho, {std::string("a"), int64_t{1}, nullptr},
                              &rows);
    if (!q.ok()) return q;
    // No transaction is open: @@in_transaction is 0 inside a read.
    static const char kInTransaction[] = "SELECT @@in_transaction";
    return session->Query(kInTransaction, {}, &rows);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(rows.at(0).Text(0) == "a");
  BOOST_TEST(rows.at(1).Int(0) == 0);
  s = db.Read([](SqlSession* session) {
    return session->Execute(kInsertEvent, {std::string("read-write")});
  });
  BOOST_TEST((s.code() == Status::Code::kInternal));
  BOOST_TEST(CountEvents(&db, "read-write") == 0);
}

BOOST_AUTO_TEST_CASE(a_read_reconnects_after_the_connection_is_killed) {
  Database victim(TestConfig());
  Database killer(TestConfig());
  auto connection_id = [&](int64_t* id) {
    return victim.Read([&](SqlSession* session) {
      std::vector<SqlRow> rows;
      Status q = session->Query(kConnectionId, {}, &rows);
      if (q.ok()) *id = rows.at(0).Int(0);
      return q;
    });
  };
  int64_t id = 0;
  BOOST_REQUIRE(connection_id(&id).ok());
  Status killed = killer.Transaction(
      [&](SqlSession* session) { return session->Execute(kKill, {id}); });
  BOOST_REQUIRE_MESSAGE(killed.ok(), killed.ToString());
  int64_t new_id = 0;
  Status s = connection_id(&new_id);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(new_id != id);
}

BOOST_AUTO_TEST_CASE(connects_to_the_first_node_of_the_list_that_answers) {
  Config config = TestConfig();
  const std::string server = config.db_host;
  // Nobody listens on port 1: a dead first node.
  config.db_host = "tcp://127.0.0.1:1, " + server;
  Database db(config);
  std::vector<SqlRow> rows;
  Status s = db.Transaction(
      [&](SqlSession* session) { return session->Query(kEcho, {1, 2, 3}, &rows); });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(db.ConnectedHost() == server);
}

BOOST_AUTO_TEST_CASE(work_cut_off_before_its_commit_runs_again_on_the_next_node) {
  Config config = TestConfig();
  // The same server twice stands for two nodes.
  config.db_host = config.db_host + "," + config.db_host;
  Database db(config);
  Database killer(TestConfig());
  const std::string subject = "cut-off";
  int runs = 0;
  Status s = db.Transaction([&](SqlSession* session) {
    ++runs;
    Status q = session->Execute(kInsertEvent, {subject});
    if (!q.ok() || runs > 1) return q;
    // The node dies under the first run, before its commit.
    std::vector<SqlRow> rows;
    q = session->Query(kConnectionId, {}, &rows);
    if (!q.ok()) return q;
    const int64_t id = rows.at(0).Int(0);
    Status killed = killer.Transaction(
        [&](SqlSession* k) { return k->Execute(kKill, {id}); });
    if (!killed.ok()) return killed;
    return session->Query(kConnectionId, {}, &rows);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(runs == 2);
  // The first run's insert died with its connection; the second committed.
  BOOST_TEST(CountEvents(&db, subject) == 1);
  BOOST_REQUIRE(db.Transaction([](SqlSession* session) {
                    return session->Execute(kDeleteEvents, {});
                  }).ok());
}

BOOST_AUTO_TEST_CASE(every_connection_asks_for_causal_reads) {
  const char kSyncWait[] = "SELECT @@SESSION.wsrep_sync_wait";
  for (long setting : {1L, 0L}) {
    Config config = TestConfig();
    config.db_wsrep_sync_wait = setting;
    Database db(config);
    std::vector<SqlRow> rows;
    Status s = db.Transaction(
        [&](SqlSession* session) { return session->Query(kSyncWait, {}, &rows); });
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
    BOOST_TEST(rows.at(0).Int(0) == setting);
  }
}

BOOST_AUTO_TEST_CASE(unreachable_server_is_unavailable) {
  Config config = TestConfig();
  config.db_host = "unix:///nonexistent/mysqld.sock, tcp://127.0.0.1:1";
  Database db(config);
  Status s = db.Transaction(
      [](SqlSession* session) { return session->Execute(kDeleteEvents, {}); });
  BOOST_TEST((s.code() == Status::Code::kUnavailable));
  BOOST_TEST(s.HttpStatus() == 503);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
