// A calendar date, as typed on a form, stored in a DATE column or read off
// the JST clock.
#ifndef PASSWD_LIB_BASE_DATE_H_
#define PASSWD_LIB_BASE_DATE_H_

#include <string>

namespace passwd {

// A calendar date (proleptic Gregorian), as typed or as stored.
struct Date {
  int year = 0;
  int month = 0;  // 1 to 12
  int day = 0;    // 1 to the month's length
};

// True when a and b are the same day.
bool operator==(const Date& a, const Date& b);
// True when a and b are different days.
bool operator!=(const Date& a, const Date& b);
// True when a is an earlier day than b.
bool operator<(const Date& a, const Date& b);

// Returns the date as yyyy-mm-dd (SQL DATE).
std::string FormatDate(const Date& date);

// Parses a typed calendar date: yyyy/m/d, yyyy-m-d or yyyymmdd, with
// surrounding spaces (U+3000 too) ignored and full-width digits, slashes
// and hyphens read as ASCII ones; false unless the day exists.
bool ParseDate(const std::string& typed, Date* date);

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_DATE_H_
