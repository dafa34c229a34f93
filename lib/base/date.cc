#include "base/date.h"

#include <cstdio>
#include <tuple>

namespace passwd {

bool operator==(const Date& a, const Date& b) {
  return a.year == b.year && a.month == b.month && a.day == b.day;
}

bool operator!=(const Date& a, const Date& b) { return !(a == b); }

bool operator<(const Date& a, const Date& b) {
  return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
}

std::string FormatDate(const Date& date) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", date.year, date.month,
                date.day);
  return buf;
}

}  // namespace passwd
