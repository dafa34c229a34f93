#include "base/jst.h"

#include <ctime>

#include "base/database.h"

namespace passwd {
namespace {

std::tm JstFields(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t) + 9 * 3600;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return tm;
}

}  // namespace

std::string FormatJst(std::chrono::system_clock::time_point t) {
  std::tm tm = JstFields(t);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y/%m/%d %H:%M:%S", &tm);
  return buf;
}

Date JstDate(std::chrono::system_clock::time_point t) {
  std::tm tm = JstFields(t);
  Date d;
  d.year = tm.tm_year + 1900;
  d.month = tm.tm_mon + 1;
  d.day = tm.tm_mday;
  return d;
}

std::chrono::system_clock::time_point JstMidnight(const Date& date) {
  std::tm tm{};
  tm.tm_year = date.year - 1900;
  tm.tm_mon = date.month - 1;
  tm.tm_mday = date.day;
  return std::chrono::system_clock::from_time_t(timegm(&tm)) -
         std::chrono::hours(9);
}

std::string JstFromSql(const std::string& sql_time) {
  if (sql_time.empty()) return "";
  std::chrono::system_clock::time_point t;
  if (!ParseSqlTime(sql_time, &t).ok()) return sql_time;
  return FormatJst(t);
}

}  // namespace passwd
