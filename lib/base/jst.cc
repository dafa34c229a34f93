#include "base/jst.h"

#include <ctime>

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

}  // namespace passwd
