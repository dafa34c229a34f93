#include "base/date.h"

#include <cstdio>
#include <tuple>

#include "base/text.h"

namespace passwd {
namespace {

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

// Full-width forms a Japanese keyboard types, and their ASCII.
struct FullWidth {
  const char* utf8;
  char ascii;
};
constexpr FullWidth kFullWidth[] = {
    {"\xef\xbc\x90", '0'}, {"\xef\xbc\x91", '1'}, {"\xef\xbc\x92", '2'},
    {"\xef\xbc\x93", '3'}, {"\xef\xbc\x94", '4'}, {"\xef\xbc\x95", '5'},
    {"\xef\xbc\x96", '6'}, {"\xef\xbc\x97", '7'}, {"\xef\xbc\x98", '8'},
    {"\xef\xbc\x99", '9'}, {"\xef\xbc\x8f", '/'}, {"\xef\xbc\x8d", '-'},
};

// `typed` without surrounding spaces, the full-width forms above made ASCII.
std::string FoldAndTrim(const std::string& typed) {
  std::string out;
  for (size_t i = 0; i < typed.size();) {
    bool folded = false;
    for (const auto& f : kFullWidth) {
      if (typed.compare(i, 3, f.utf8) == 0) {
        out.push_back(f.ascii);
        i += 3;
        folded = true;
        break;
      }
    }
    if (!folded) out.push_back(typed[i++]);
  }
  return Trim(out);
}

// Reads `text` as `min_digits` to `max_digits` ASCII digits.
bool ParseDigits(const std::string& text, size_t min_digits, size_t max_digits,
                 int* value) {
  if (text.size() < min_digits || text.size() > max_digits) return false;
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *value = v;
  return true;
}

}  // namespace

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

bool ParseDate(const std::string& typed, Date* date) {
  const std::string s = FoldAndTrim(typed);
  Date d;
  bool parsed = false;
  if (s.size() == 8) {
    parsed = ParseDigits(s.substr(0, 4), 4, 4, &d.year) &&
             ParseDigits(s.substr(4, 2), 2, 2, &d.month) &&
             ParseDigits(s.substr(6, 2), 2, 2, &d.day);
  }
  const size_t first = s.find_first_of("/-");
  if (!parsed && first != std::string::npos) {
    const size_t second = s.find(s[first], first + 1);
    parsed =
        second != std::string::npos &&
        ParseDigits(s.substr(0, first), 4, 4, &d.year) &&
        ParseDigits(s.substr(first + 1, second - first - 1), 1, 2, &d.month) &&
        ParseDigits(s.substr(second + 1), 1, 2, &d.day);
  }
  if (!parsed || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > DaysInMonth(d.year, d.month)) {
    return false;
  }
  *date = d;
  return true;
}

}  // namespace passwd
