// A time point from SqlTime's text, for the tests that pin times and dates.
#ifndef PASSWD_TESTS_UNIT_UTC_TIME_H_
#define PASSWD_TESTS_UNIT_UTC_TIME_H_

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>

#include "base/database.h"

namespace passwd {

// The time 'YYYY-MM-DD HH:MM:SS' UTC; fails the test on any other text.
inline std::chrono::system_clock::time_point At(const std::string& utc) {
  std::chrono::system_clock::time_point t;
  BOOST_REQUIRE(ParseSqlTime(utc, &t).ok());
  return t;
}

}  // namespace passwd

#endif  // PASSWD_TESTS_UNIT_UTC_TIME_H_
