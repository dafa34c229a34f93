// Access-code input (domain/access_code): NormalizeCodeInput never crashes
// or throws; an accepted input gives exactly ten ASCII digits, the input's
// own digits (half- or full-width) in their order, and normalises to itself;
// an input of ten digits and spaces only is always accepted; the stored hash
// of the code matches it and no other code.
#include <unicode/utf8.h>

#include "domain/access_code.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace passwd;
  const std::string input = passwd_fuzz::AsString(data, size);
  std::string code;
  const bool ok = NormalizeCodeInput(input, &code).ok();

  // The input's digits and whether anything but digits and spaces is in it,
  // read without the library.
  std::string digits;
  bool only_digits_and_spaces = input.size() <= 256;
  const auto* p = reinterpret_cast<const uint8_t*>(input.data());
  const int32_t n = static_cast<int32_t>(input.size());
  bool valid = true;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      valid = false;
      only_digits_and_spaces = false;
    } else if (c >= '0' && c <= '9') {
      digits += static_cast<char>(c);
    } else if (c >= 0xFF10 && c <= 0xFF19) {
      digits += static_cast<char>('0' + (c - 0xFF10));
    } else if (!(c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000)) {
      only_digits_and_spaces = false;
    }
  }
  if (only_digits_and_spaces && digits.size() == kAccessCodeDigits) {
    FUZZ_CHECK(ok);
  }
  if (!ok) return 0;

  FUZZ_CHECK(valid);
  FUZZ_CHECK(code.size() == kAccessCodeDigits);
  FUZZ_CHECK(code == digits);
  std::string twice;
  FUZZ_CHECK(NormalizeCodeInput(code, &twice).ok());
  FUZZ_CHECK(twice == code);

  const std::string key(32, '\x5a');
  const std::string hash = AccessCodeHash(key, code);
  FUZZ_CHECK(hash.size() == 64);
  FUZZ_CHECK(AccessCodeMatches(key, code, hash));
  std::string other = code;
  other[size % kAccessCodeDigits] =
      other[size % kAccessCodeDigits] == '9' ? '0' : '9';
  FUZZ_CHECK(!AccessCodeMatches(key, other, hash));
  return 0;
}
