// base/status: errors as values, their HTTP statuses and their log text.
#include "base/status.h"

#include <boost/test/unit_test.hpp>

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(status)

BOOST_AUTO_TEST_CASE(status_maps_to_http) {
  struct Case {
    Status status;
    int http;
  } cases[] = {
      {Status::Ok(), 200},
      {Status::InvalidInput("x"), 400},
      {Status::Forbidden("x"), 403},
      {Status::NotFound("x"), 404},
      {Status::MethodNotAllowed("x"), 405},
      {Status::TooLarge("x"), 413},
      {Status::RateLimited("x"), 429},
      {Status::Internal("x"), 500},
      {Status::Unavailable("x"), 503},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.status.ToString()) {
      BOOST_TEST(c.status.HttpStatus() == c.http);
      BOOST_TEST(c.status.ok() == (c.http == 200));
    }
  }
  BOOST_TEST(Status::NotFound("no page").ToString() == "NotFound: no page");
}

BOOST_AUTO_TEST_CASE(short_ascii_cuts_and_masks) {
  const Status s = Status::Internal("smtp: 550 \xe6\x9c\xaa\n next");
  BOOST_TEST(s.ToShortAscii(100) == "Internal: smtp: 550 ???? next");
  BOOST_TEST(s.ToShortAscii(8) == "Internal");
  BOOST_TEST(Status::Ok().ToShortAscii(255) == "OK");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
