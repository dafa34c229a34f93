// Times are stored in UTC and shown in Japan Standard Time (UTC+9, no DST).
#ifndef PASSWD_LIB_BASE_JST_H_
#define PASSWD_LIB_BASE_JST_H_

#include <chrono>
#include <string>

#include "base/date.h"

namespace passwd {

// Formats `t` in JST as yyyy/mm/dd HH:MM:SS, the seed's expiry format.
std::string FormatJst(std::chrono::system_clock::time_point t);

// The calendar date in Japan at `t`.
Date JstDate(std::chrono::system_clock::time_point t);

// The moment 00:00 JST begins on `date`.
std::chrono::system_clock::time_point JstMidnight(const Date& date);

// A DATETIME's text (UTC) shown in JST, yyyy/mm/dd HH:MM:SS; "" for "", and
// the text itself when it is not a DATETIME.
std::string JstFromSql(const std::string& sql_time);

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_JST_H_
