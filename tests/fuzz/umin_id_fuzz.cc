// UMIN ID normalisation (domain/umin_id): never fails on any bytes, is
// deterministic and idempotent, an accepted ID has the documented form, and
// the same ID typed in upper case, in full-width letters or with the mail
// domain after it is recognised as that ID.
#include "domain/umin_id.h"
#include "fuzz_support.h"

namespace {

bool IsLowerAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// [a-z0-9]+-[a-z0-9]+, 3 to 32 characters, checked without the library.
bool HasIdForm(const std::string& id) {
  if (id.size() < 3 || id.size() > 32) return false;
  const size_t hyphen = id.find('-');
  if (hyphen == std::string::npos || hyphen == 0 || hyphen + 1 == id.size()) {
    return false;
  }
  for (size_t i = 0; i < id.size(); ++i) {
    if (i != hyphen && !IsLowerAlnum(id[i])) return false;
  }
  return true;
}

// The full-width form of an ASCII ID: U+FF01..U+FF5E for '!'..'~'.
std::string FullWidth(const std::string& ascii) {
  std::string out;
  for (char c : ascii) {
    const unsigned cp = 0xff01 + static_cast<unsigned>(c - '!');
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
  return out;
}

std::string Upper(const std::string& s) {
  std::string out = s;
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace passwd;
  const std::string input = passwd_fuzz::AsString(data, size);
  const UminIdResult result = NormalizeUminId(input);
  const UminIdResult again = NormalizeUminId(input);
  FUZZ_CHECK(result.outcome == again.outcome && result.id == again.id);

  switch (result.outcome) {
    case UminIdOutcome::kOk: {
      FUZZ_CHECK(HasIdForm(result.id));
      // Normalising twice gives what normalising once gave.
      const UminIdResult twice = NormalizeUminId(result.id);
      FUZZ_CHECK(twice.outcome == UminIdOutcome::kOk);
      FUZZ_CHECK(twice.id == result.id);
      FUZZ_CHECK(NormalizeUminId(Upper(result.id)).id == result.id);
      FUZZ_CHECK(NormalizeUminId(FullWidth(result.id)).id == result.id);
      FUZZ_CHECK(NormalizeUminId("\xe3\x80\x80 " + result.id + " \t").id ==
                 result.id);
      const UminIdResult mail = NormalizeUminId(result.id + "@umin.ac.jp");
      FUZZ_CHECK(mail.outcome == UminIdOutcome::kHasMailDomain);
      FUZZ_CHECK(mail.id == result.id);
      break;
    }
    case UminIdOutcome::kHasMailDomain: {
      // The text before the domain, normalised: the same again.
      const UminIdResult twice = NormalizeUminId(result.id);
      if (twice.outcome == UminIdOutcome::kOk) {
        FUZZ_CHECK(twice.id == result.id);
      }
      break;
    }
    case UminIdOutcome::kEmpty:
    case UminIdOutcome::kMalformed:
      FUZZ_CHECK(result.id.empty());
      break;
  }
  return 0;
}
