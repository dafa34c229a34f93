// An operator request's receipt number against the real MariaDB of the
// running stack (PASSWD_CONFIG), in a scratch database: a drawn number that
// is already taken meets the unique key and is drawn again, and the id
// returned is the new row's.
#include "store/operator_requests.h"

#include <boost/test/unit_test.hpp>
#include <deque>
#include <string>
#include <vector>

#include "db_fixture.h"

namespace passwd {
namespace {

const char kRequestOf[] =
    "SELECT id, contact_mail FROM operator_requests WHERE receipt_number = ?";

// An Env whose random bytes are scripted: call k gets n copies of the k-th
// byte of `fill`, and the real source once those run out.
class ScriptedRandomEnv : public ProcessEnv {
 public:
  ScriptedRandomEnv(const Config& config, std::deque<unsigned char> fill)
      : ProcessEnv(config), fill_(std::move(fill)) {}
  Status RandomBytes(size_t n, std::string* out) override {
    if (fill_.empty()) return ProcessEnv::RandomBytes(n, out);
    out->assign(n, static_cast<char>(fill_.front()));
    fill_.pop_front();
    return Status::Ok();
  }

 private:
  std::deque<unsigned char> fill_;
};

// A request that only its contact address tells apart (the form's checks
// are not the store's: empty names are stored as they come).
NewOperatorRequest RequestFrom(const std::string& contact_mail) {
  NewOperatorRequest r;
  r.contact_mail = contact_mail;
  return r;
}

struct Submitted {
  Status status;
  std::string receipt;
  int64_t id = 0;
};

Submitted Submit(Env* env, const NewOperatorRequest& request) {
  Submitted out;
  out.status = env->db()->Transaction([&](SqlSession* session) {
    return SubmitOperatorRequest(env, session, request, "127.0.0.1",
                                 &out.receipt, &out.id);
  });
  return out;
}

// The id and contact address stored under `receipt`; id 0 when none.
std::pair<int64_t, std::string> Stored(Env* env, const std::string& receipt) {
  std::vector<SqlRow> rows;
  Status s = env->db()->Read([&](SqlSession* session) {
    return session->Query(kRequestOf, {receipt}, &rows);
  });
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  if (rows.empty()) return {0, ""};
  BOOST_REQUIRE_EQUAL(rows.size(), 1u);
  return {rows[0].Int(0), rows[0].Text(1)};
}

std::string Digits(const std::string& receipt) {
  return receipt.substr(receipt.find('-') + 1);
}

BOOST_AUTO_TEST_SUITE(operator_requests_db)

BOOST_AUTO_TEST_CASE(a_taken_receipt_number_is_drawn_again) {
  ScratchDatabase scratch("receipts");
  // Draws: 000000 for the first request; 000000 again (taken) and then
  // 111111 for the second.
  ScriptedRandomEnv env(scratch.config(), {0, 0, 1});
  const Submitted first = Submit(&env, RequestFrom("first@example.org"));
  BOOST_REQUIRE_MESSAGE(first.status.ok(), first.status.ToString());
  BOOST_TEST(Digits(first.receipt) == "000000");
  const Submitted second = Submit(&env, RequestFrom("second@example.org"));
  BOOST_REQUIRE_MESSAGE(second.status.ok(), second.status.ToString());
  BOOST_TEST(Digits(second.receipt) == "111111");

  // Each id is its own row's, and the taken number kept its first request.
  const auto stored_first = Stored(&env, first.receipt);
  const auto stored_second = Stored(&env, second.receipt);
  BOOST_TEST(stored_first.first == first.id);
  BOOST_TEST(stored_first.second == "first@example.org");
  BOOST_TEST(stored_second.first == second.id);
  BOOST_TEST(stored_second.second == "second@example.org");
  BOOST_TEST(first.id != second.id);
}

BOOST_AUTO_TEST_CASE(a_source_that_only_draws_taken_numbers_fails) {
  ScratchDatabase scratch("receipts_taken");
  // One draw for the first request, then every draw of the second the same.
  ScriptedRandomEnv env(scratch.config(), std::deque<unsigned char>(64, 7));
  const Submitted first = Submit(&env, RequestFrom("first@example.org"));
  BOOST_REQUIRE_MESSAGE(first.status.ok(), first.status.ToString());
  const Submitted second = Submit(&env, RequestFrom("second@example.org"));
  BOOST_TEST(!second.status.ok());
  BOOST_TEST(Stored(&env, first.receipt).second == "first@example.org");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
