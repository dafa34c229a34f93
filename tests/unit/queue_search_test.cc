// The queue's search and the matching of a request to an account.
#include "console/queue_search.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace passwd {
namespace {

OperatorRequestRecord SampleRequest() {
  OperatorRequestRecord r;
  r.id = 7;
  r.receipt_number = "R20250107-048213";
  r.umin_id = "umin101-test";
  r.family_name = "髙橋";
  r.given_name = "健一";
  r.family_reading = "たかはし";
  r.given_reading = "けんいち";
  r.birth_date = "1985-07-07";
  return r;
}

Account SampleAccount() {
  Account a;
  a.umin_id = "umin401-kanji";
  a.family_name = "高橋";
  a.given_name = "健一";
  a.family_reading = "タカハシ";
  a.given_reading = "ケンイチ";
  a.gender = "female";
  a.birth_date = "1985-07-07";
  a.category = "individual";
  return a;
}

BOOST_AUTO_TEST_SUITE(queue_search)

BOOST_AUTO_TEST_CASE(queue_search_reads_receipts_ids_names_and_readings) {
  // Which columns each reading of the box searches (the search itself runs
  // in the database: tests/db/queue_search_test.cc).
  OperatorRequestQuery q;
  BOOST_TEST(SetQueueSearch(ParseQueueSearch("　 "), &q));
  BOOST_TEST((q.receipt + q.umin_id + q.name_part + q.reading_part) == "");
  BOOST_TEST(
      SetQueueSearch(ParseQueueSearch("Ｒ２０２５０１０７－０４８２１３"), &q));
  BOOST_TEST(q.receipt == "R20250107-048213");
  BOOST_TEST(SetQueueSearch(ParseQueueSearch("UMIN101-test"), &q));
  BOOST_TEST(q.umin_id == "umin101-test");
  BOOST_TEST(SetQueueSearch(ParseQueueSearch("髙橋 健一"), &q));
  BOOST_TEST(q.name_part == "高橋健一");
  BOOST_TEST(q.umin_id == "");
  BOOST_TEST(SetQueueSearch(ParseQueueSearch("タカハシ"), &q));
  BOOST_TEST(q.reading_part == "たかはし");
  // Text no column can hold matches nothing.
  BOOST_TEST(!SetQueueSearch(ParseQueueSearch("\x01"), &q));
}

BOOST_AUTO_TEST_CASE(requests_match_accounts_as_send_profile_does) {
  const OperatorRequestRecord r = SampleRequest();
  Account a = SampleAccount();
  // Variant kanji, katakana readings, and any gender (the request has none).
  BOOST_TEST(RequestMatchesAccount(r, a));
  a.gender = "male";
  BOOST_TEST(RequestMatchesAccount(r, a));

  Account other_day = a;
  other_day.birth_date = "1985-07-08";
  BOOST_TEST(!RequestMatchesAccount(r, other_day));
  Account other_name = a;
  other_name.given_name = "健二";
  BOOST_TEST(!RequestMatchesAccount(r, other_name));
  Account other_reading = a;
  other_reading.given_reading = "けんじ";
  BOOST_TEST(!RequestMatchesAccount(r, other_reading));

  OperatorRequestRecord no_date = r;
  no_date.birth_date = "";
  BOOST_TEST(!RequestMatchesAccount(no_date, a));
  OperatorRequestRecord bad_reading = r;
  bad_reading.family_reading = "takahashi";
  BOOST_TEST(!RequestMatchesAccount(bad_reading, a));
}

BOOST_AUTO_TEST_CASE(the_difference_names_the_fields_that_differ) {
  const OperatorRequestRecord r = SampleRequest();
  const Account a = SampleAccount();
  struct Case {
    const char* name;
    OperatorRequestRecord request;
    Account account;
    bool name_differs, reading_differs, birth_date_differs;
  };
  std::vector<Case> cases = {{"the same", r, a, false, false, false}};
  cases.push_back({"other given name", r, a, true, false, false});
  cases.back().account.given_name = "健二";
  cases.push_back({"other reading and day", r, a, false, true, true});
  cases.back().account.given_reading = "けんじ";
  cases.back().account.birth_date = "1985-07-08";
  cases.push_back({"no date in the request", r, a, false, false, true});
  cases.back().request.birth_date = "";
  cases.push_back({"a reading that is none", r, a, false, true, false});
  cases.back().request.family_reading = "takahashi";
  cases.push_back({"an account without a name", r, a, true, true, true});
  cases.back().account.family_name = "";
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      const IdentityDifference d =
          RequestIdentityDifference(c.request, c.account);
      BOOST_TEST(d.name == c.name_differs);
      BOOST_TEST(d.reading == c.reading_differs);
      BOOST_TEST(d.birth_date == c.birth_date_differs);
      BOOST_TEST(RequestMatchesAccount(c.request, c.account) == !d.any());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
