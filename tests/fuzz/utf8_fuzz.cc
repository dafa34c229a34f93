// UTF-8 validation and the text helpers (base/text): IsValidUtf8Text agrees
// with ICU's UTF-8 decoder plus the control-character rule; for valid text
// the character count, prefix and trim agree with ICU's view of it.
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "base/text.h"
#include "fuzz_support.h"

namespace {

// ICU's verdict: well-formed UTF-8 (no overlong form, surrogate or value
// past U+10FFFF), and `*count` its code points.
bool IcuValid(const std::string& s, int32_t* count) {
  UErrorCode error = U_ZERO_ERROR;
  int32_t units = 0;
  u_strFromUTF8(nullptr, 0, &units, s.data(), static_cast<int32_t>(s.size()),
                &error);
  if (error != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(error)) return false;
  // Code points, counted the ICU way.
  int32_t i = 0, n = 0;
  const int32_t length = static_cast<int32_t>(s.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < length) {
    UChar32 c;
    U8_NEXT(p, i, length, c);
    if (c < 0) return false;
    ++n;
  }
  *count = n;
  return true;
}

// The control rule, independently: no C0 byte but tab, CR and LF; no DEL.
bool NoForbiddenControl(const std::string& s) {
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace passwd;
  const std::string text = passwd_fuzz::AsString(data, size);
  int32_t icu_count = 0;
  const bool icu_ok = IcuValid(text, &icu_count);
  const bool ours = IsValidUtf8Text(text);
  FUZZ_CHECK(ours == (icu_ok && NoForbiddenControl(text)));

  // HasControlCharacter: any C0 byte or DEL.
  bool control = false;
  for (unsigned char c : text) control = control || c < 0x20 || c == 0x7f;
  FUZZ_CHECK(HasControlCharacter(text) == control);

  // Case folding keeps the length and touches only A-Z.
  const std::string lower = ToLowerAscii(text);
  FUZZ_CHECK(lower.size() == text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    FUZZ_CHECK(lower[i] == ((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c));
  }
  FUZZ_CHECK(ToLowerAscii(lower) == lower);

  // Trim: a substring, idempotent.
  const std::string trimmed = Trim(text);
  FUZZ_CHECK(text.find(trimmed) != std::string::npos);
  FUZZ_CHECK(Trim(trimmed) == trimmed);
  if (!icu_ok) return 0;

  // Valid UTF-8 (controls or not): counts and prefixes by ICU's code points.
  FUZZ_CHECK(Utf8Length(text) == static_cast<size_t>(icu_count));
  // Trim may remove a VT or FF, which IsValidUtf8Text refuses.
  if (ours) FUZZ_CHECK(IsValidUtf8Text(trimmed));
  const size_t cuts[] = {0,
                         1,
                         2,
                         3,
                         static_cast<size_t>(icu_count / 2),
                         static_cast<size_t>(icu_count),
                         static_cast<size_t>(icu_count) + 1};
  for (size_t k : cuts) {
    const std::string prefix = Utf8Prefix(text, k);
    int32_t prefix_count = 0;
    FUZZ_CHECK(text.compare(0, prefix.size(), prefix) == 0);
    FUZZ_CHECK(IcuValid(prefix, &prefix_count));
    FUZZ_CHECK(static_cast<size_t>(prefix_count) ==
               std::min(k, static_cast<size_t>(icu_count)));
  }
  return 0;
}
