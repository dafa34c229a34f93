// The queue's search and pages against the real MariaDB of the running stack
// (PASSWD_CONFIG names its configuration): the search runs in the database
// on the normalised name and reading the owner stores beside each request,
// as send_profile normalises them; keyset pages in both orders. (The pages
// themselves: tests/integration/t0520_console.py.)
#include "console/queue_search.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "db_fixture.h"
#include "store/operator_requests.h"

namespace passwd {
namespace {

const char kDeleteRequest[] = "DELETE FROM operator_requests WHERE id = ?";
const char kForgetSearchText[] =
    "UPDATE operator_requests SET search_name = NULL, search_reading = NULL "
    "WHERE id = ?";

const char kBulkInsert[] =
    "INSERT INTO operator_requests (receipt_number, family_name, given_name, "
    "family_reading, given_reading, search_name, search_reading, "
    "affiliation, contact_mail, reason, message, priority, status, "
    "client_address, created_at, updated_at) SELECT CONCAT(?, seq), '試験', "
    "'一括', 'しけん', 'いっかつ', '試験一括', 'しけんいっかつ', '', "
    "'bulk@example.org', 'other', '', seq % 7 = 0, 'closed', '127.0.0.1', "
    "'2020-01-01' + INTERVAL seq DIV 3 SECOND, '2020-01-01' "
    "FROM seq_1_to_3000";
const char kBulkIds[] =
    "SELECT id FROM operator_requests WHERE receipt_number LIKE ? ORDER BY id";
const char kIndexReads[] =
    "SELECT SUM(VARIABLE_VALUE) FROM information_schema.SESSION_STATUS "
    "WHERE VARIABLE_NAME IN ('HANDLER_READ_NEXT', 'HANDLER_READ_PREV', "
    "'HANDLER_READ_RND_NEXT')";

NewOperatorRequest SampleRequest() {
  NewOperatorRequest r;
  r.umin_id = "umin101-test";
  r.family_name = "髙橋";
  r.given_name = "健一";
  r.family_reading = "たかはし";
  r.given_reading = "けんいち";
  r.birth_date = "1985-07-07";
  r.affiliation = "試験病院";
  r.contact_mail = "queue-search@example.org";
  r.reason = OperatorRequestReason::kOther;
  r.message = "queue_search_test";
  return r;
}

// True when the closed-or-not queue ("all"), searched for `typed`, lists
// request `id` (on any page).
bool Finds(ShiftedEnv* env, const std::string& typed, int64_t id) {
  OperatorRequestQuery query;
  query.limit = 1000000;
  if (!SetQueueSearch(ParseQueueSearch(typed), &query)) return false;
  std::vector<OperatorRequestRecord> found;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    found.clear();
    return ListOperatorRequestPage(session, query, &found);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  for (const auto& r : found) {
    if (r.id == id) return true;
  }
  return false;
}

struct Submitted {
  int64_t id = 0;
  std::string receipt;
};

Submitted Submit(ShiftedEnv* env, const NewOperatorRequest& request) {
  Submitted out;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    return SubmitOperatorRequest(env, session, request, "127.0.0.1",
                                 &out.receipt, &out.id);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  return out;
}

void Delete(ShiftedEnv* env, int64_t id) {
  Status s = env->db()->Transaction([&](SqlSession* session) {
    return session->Execute(kDeleteRequest, {id});
  });
  BOOST_TEST(s.ok(), s.ToString());
}

BOOST_AUTO_TEST_SUITE(queue_search_db)

BOOST_AUTO_TEST_CASE(the_search_reads_receipts_ids_names_and_readings) {
  ShiftedEnv env(TestConfig());
  const Submitted r = Submit(&env, SampleRequest());
  std::string lower = r.receipt;
  for (char& c : lower) c = static_cast<char>(std::tolower(c));
  std::string other_receipt = r.receipt;
  other_receipt.back() = other_receipt.back() == '0' ? '1' : '0';
  struct Case {
    std::string typed;
    bool matches;
  };
  const std::vector<Case> cases = {
      {"", true},
      {"　 ", true},
      {r.receipt, true},
      {lower, true},
      {other_receipt, false},
      {"umin101-test", true},
      {"UMIN101-TEST", true},
      {"umin102-nomail", false},
      {"高橋", true},       // the variant kanji folds
      {"髙橋 健一", true},  // family and given name together
      {"橋健", true},       // part of the name
      {"タカハシ", true},   // reading in katakana
      {"けんいち", true},
      {"やまだ", false},
      {"山田", false},
      {"%", false},  // LIKE's wildcards are only characters
      {"_", false},
      {"\x01", false},
  };
  // Completed afterwards as for a row from before sql/008, the search text
  // is the same.
  for (bool completed : {false, true}) {
    if (completed) {
      Status s = env.db()->Transaction([&](SqlSession* session) {
        Status s = session->Execute(kForgetSearchText, {r.id});
        int64_t filled = 0;
        while (s.ok()) {
          s = CompleteOperatorRequestSearchText(session, 500, &filled);
          if (filled < 500) break;
        }
        return s;
      });
      BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
    }
    for (const auto& c : cases) {
      BOOST_TEST(Finds(&env, c.typed, r.id) == c.matches,
                 c.typed << (completed ? " (completed)" : ""));
    }
  }
  Delete(&env, r.id);
}

// Rows this session has read so far, along an index (next and previous
// steps) or the table; reading them counts some too.
int64_t IndexRowsRead(SqlSession* session) {
  std::vector<SqlRow> rows;
  Status s = session->Query(kIndexReads, {}, &rows);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  return rows.empty() ? 0 : rows[0].Int(0);
}

BOOST_AUTO_TEST_CASE(a_deep_page_reads_from_its_anchor_not_from_the_start) {
  // 3,000 closed requests; pages deep in them, in each order and direction,
  // must read about a page of index rows, not every row before the anchor
  // (the plan sql/008's indexes and the derived table give). In a database
  // of the test's own: the stack's requests (thousands after `make bench`)
  // would change the plan's figures. From the start, each page would read
  // the 1,285 or more rows before the anchor in its order.
  ScratchDatabase scratch("queue_search_test");
  ShiftedEnv env(scratch.config());
  std::vector<SqlRow> ids;
  Status s = env.db()->Transaction([&](SqlSession* session) {
    ids.clear();
    Status s = session->Execute(kBulkInsert, {std::string("X")});
    if (s.ok()) s = session->Query(kBulkIds, {std::string("X%")}, &ids);
    return s;
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_REQUIRE_EQUAL(ids.size(), 3000u);
  const int64_t anchor = ids[1500].Int(0);
  for (bool newest : {true, false}) {
    for (bool backwards : {false, true}) {
      for (bool closed_only : {true, false}) {
        OperatorRequestQuery query;
        query.filter =
            closed_only
                ? OperatorRequestFilter{false, OperatorRequestStatus::kClosed}
                : OperatorRequestFilter{false, {}};
        query.newest_first = newest;
        query.backwards = backwards;
        query.anchor_id = anchor;
        query.limit = 51;
        int64_t read = 0;
        size_t listed = 0;
        s = env.db()->Transaction([&](SqlSession* session) {
          std::vector<OperatorRequestRecord> page;
          const int64_t first = IndexRowsRead(session);
          const int64_t before = IndexRowsRead(session);
          Status s = ListOperatorRequestPage(session, query, &page);
          // Less what reading the counters costs.
          read = IndexRowsRead(session) - before - (before - first);
          listed = page.size();
          return s;
        });
        BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
        BOOST_TEST(listed == 51u);
        BOOST_TEST(read < 500, "newest " << newest << " backwards " << backwards
                                         << " closed only " << closed_only
                                         << ": " << read);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
