// Identity normalisation (domain/identity): the whole input as a name, a
// reading and a birth date.
// - a normalised name or reading normalises to itself (normalising twice
//   gives what normalising once gave), is valid UTF-8 without white space,
//   and a reading holds only hiragana and ー;
// - an accepted birth date is a real day from 1900 to today, reads back
//   from its yyyy-mm-dd form, and BirthDateError agrees with it;
// - nothing throws or crashes.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "base/date.h"
#include "base/text.h"
#include "domain/identity.h"
#include "fuzz_support.h"

namespace {

// Calls f on every code point of valid UTF-8 `s`; false on broken UTF-8.
template <typename F>
bool EachCodePoint(const std::string& s, F f) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
    f(c);
  }
  return true;
}

int DaysIn(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace passwd;
  const std::string input = passwd_fuzz::AsString(data, size);

  std::string name;
  if (NormalizeName(input, &name).ok()) {
    std::string twice;
    FUZZ_CHECK(NormalizeName(name, &twice).ok());
    FUZZ_CHECK(twice == name);
    FUZZ_CHECK(!name.empty());
    bool space = false;
    FUZZ_CHECK(EachCodePoint(
        name, [&](UChar32 c) { space = space || u_isUWhiteSpace(c); }));
    FUZZ_CHECK(!space);
  }

  std::string reading;
  if (NormalizeReading(input, &reading).ok()) {
    std::string twice;
    FUZZ_CHECK(NormalizeReading(reading, &twice).ok());
    FUZZ_CHECK(twice == reading);
    bool kana = !reading.empty();
    FUZZ_CHECK(EachCodePoint(reading, [&](UChar32 c) {
      kana = kana && ((c >= 0x3041 && c <= 0x3096) || c == 0x309D ||
                      c == 0x309E || c == 0x30FC);
    }));
    FUZZ_CHECK(kana);
  }

  const Date today{2026, 12, 2};
  Date birth;
  const bool accepted = ParseBirthDate(input, today, &birth).ok();
  Date birth_again;
  FUZZ_CHECK(BirthDateError(input, today, &birth_again).empty() == accepted);
  if (accepted) {
    FUZZ_CHECK(birth_again == birth);
    FUZZ_CHECK(birth.year >= 1900);
    FUZZ_CHECK(!(today < birth));
    FUZZ_CHECK(birth.month >= 1 && birth.month <= 12);
    FUZZ_CHECK(birth.day >= 1 && birth.day <= DaysIn(birth.year, birth.month));
    Date reread;
    FUZZ_CHECK(ParseBirthDate(FormatDate(birth), today, &reread).ok());
    FUZZ_CHECK(reread == birth);
  }
  return 0;
}
