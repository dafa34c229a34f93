#include "domain/umin_id.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace passwd {
namespace {

// Far above any real ID; stops a pasted essay before it reaches ICU.
constexpr size_t kMaxInputBytes = 1024;

// True when s is well-formed UTF-8 (no overlong forms, surrogates or
// truncated sequences).
bool IsValidUtf8(const std::string& s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

// True for the characters a Japanese keyboard produces when the user means
// '-': the long vowel mark ー (U+30FC; half-width ｰ becomes it under NFKC),
// the hyphen U+2010 (U+2011 becomes it under NFKC), the en dash U+2013 and
// the minus sign U+2212.
bool IsHyphenLookAlike(UChar32 c) {
  return c == 0x30FC || c == 0x2010 || c == 0x2013 || c == 0x2212;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

bool IsLowerAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// NFKC-normalises valid UTF-8 and replaces hyphen look-alikes by '-'; false
// when ICU fails.
bool FoldWidthAndHyphens(const std::string& in, std::string* out) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  if (U_FAILURE(err)) return false;
  icu::UnicodeString folded =
      nfkc->normalize(icu::UnicodeString::fromUTF8(in), err);
  if (U_FAILURE(err)) return false;
  icu::UnicodeString result;
  for (int32_t i = 0; i < folded.length();) {
    UChar32 c = folded.char32At(i);
    i += U16_LENGTH(c);
    result.append(IsHyphenLookAlike(c) ? UChar32{'-'} : c);
  }
  out->clear();
  result.toUTF8String(*out);
  return true;
}

// True when id is two non-empty runs of [a-z0-9] joined by one hyphen, of an
// accepted length.
bool IsWellFormedId(const std::string& id) {
  if (id.size() < kUminIdMinLength || id.size() > kUminIdMaxLength) {
    return false;
  }
  size_t hyphen = id.find('-');
  if (hyphen == std::string::npos || hyphen == 0 || hyphen + 1 == id.size()) {
    return false;
  }
  for (size_t i = 0; i < id.size(); ++i) {
    if (i != hyphen && !IsLowerAlnum(id[i])) return false;
  }
  return true;
}

}  // namespace

UminIdResult NormalizeUminId(const std::string& input) {
  UminIdResult result;
  if (input.size() > kMaxInputBytes || !IsValidUtf8(input)) return result;

  std::string s;
  if (!FoldWidthAndHyphens(input, &s)) return result;

  size_t begin = 0;
  size_t end = s.size();
  while (begin < end && IsAsciiSpace(s[begin])) ++begin;
  while (end > begin && IsAsciiSpace(s[end - 1])) --end;
  s = s.substr(begin, end - begin);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }

  if (s.empty()) {
    result.outcome = UminIdOutcome::kEmpty;
    return result;
  }
  const std::string domain = kUminMailDomain;
  if (s.size() >= domain.size() &&
      s.compare(s.size() - domain.size(), domain.size(), domain) == 0) {
    result.outcome = UminIdOutcome::kHasMailDomain;
    size_t local_end = s.size() - domain.size();
    while (local_end > 0 && IsAsciiSpace(s[local_end - 1])) --local_end;
    result.id = s.substr(0, local_end);
    return result;
  }
  if (!IsWellFormedId(s)) return result;
  result.outcome = UminIdOutcome::kOk;
  result.id = s;
  return result;
}

}  // namespace passwd
