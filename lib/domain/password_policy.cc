#include "domain/password_policy.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "base/enum_table.h"
#include "base/text.h"
#include "domain/password_strength.h"

namespace passwd {

namespace {

// The lines of a US keyboard along which 4 adjacent keys may not appear in a
// row: its four rows with their punctuation keys, and the columns the
// staggered rows form from each digit down ("1qaz"); the columns under "-"
// and "=" hold fewer than 4 keys. static/passwd.js holds the same lines.
constexpr std::array<std::string_view, 14> kKeyboardLines = {
    "`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./", "1qaz",
    "2wsx",          "3edc",           "4rfv",        "5tgb",       "6yhn",
    "7ujm",          "8ik,",           "9ol.",        "0p;/",
};
// The US keyboard's shifted symbols and, at the same index, their keys, so
// that "!@#$" reads as the keys "1234".
constexpr std::string_view kShiftedSymbols = "~!@#$%^&*()_+{}|:\"<>?";
constexpr std::string_view kUnshiftedKeys = "`1234567890-=[]\\;',./";
static_assert(kShiftedSymbols.size() == kUnshiftedKeys.size());

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// True for the first byte of a UTF-8 character (anything but 10xxxxxx), so
// that a password typed in Japanese counts characters, not bytes.
bool StartsCharacter(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

size_t CountCharacters(const std::string& text) {
  return std::count_if(text.begin(), text.end(), StartsCharacter);
}

bool IsPrintableAsciiWithoutSpace(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return u >= 0x21 && u <= 0x7E;
}

// True when the first kMixedPrefixLength characters hold a lower-case
// letter, an upper-case letter and a digit.
bool HasMixedPrefix(const std::string& password) {
  bool lower = false;
  bool upper = false;
  bool digit = false;
  size_t characters = 0;
  for (char c : password) {
    if (StartsCharacter(c) && ++characters > kMixedPrefixLength) break;
    lower = lower || IsLower(c);
    upper = upper || IsUpper(c);
    digit = digit || IsDigit(c);
  }
  return lower && upper && digit;
}

// True when `window` (lower case) is a run of letters or of digits whose
// codes step by exactly `step` each time.
bool IsStepRun(std::string_view window, int step) {
  const bool letters = std::all_of(window.begin(), window.end(), IsLower);
  const bool digits = std::all_of(window.begin(), window.end(), IsDigit);
  if (!letters && !digits) return false;
  for (size_t i = 1; i < window.size(); ++i) {
    if (window[i] - window[i - 1] != step) return false;
  }
  return true;
}

// The key that types `c` (lower case) on a US keyboard: a shifted symbol
// becomes its key, anything else stays as it is.
char KeyOf(char c) {
  const size_t at = kShiftedSymbols.find(c);
  return at == std::string_view::npos ? c : kUnshiftedKeys[at];
}

// True when `keys` (lower case, shifted symbols already read as their keys)
// is a stretch of adjacent keys of one keyboard line, read either way.
bool IsKeyboardRun(std::string_view keys) {
  std::string reversed(keys.rbegin(), keys.rend());
  for (std::string_view line : kKeyboardLines) {
    if (line.find(keys) != std::string_view::npos ||
        line.find(reversed) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// Each rule's name (for the audit log and the catalogue): the one table of
// PolicyRule's texts.
struct PolicyRuleText {
  PolicyRule value;
  const char* text;  // the rule's name in the audit log and the catalogue
};
constexpr PolicyRuleText kPolicyRules[] = {
    {PolicyRule::kLength, "length"},
    {PolicyRule::kCharacters, "characters"},
    {PolicyRule::kFirstEightMix, "first_eight_mix"},
    {PolicyRule::kContainsUminId, "contains_id"},
    {PolicyRule::kDictionaryWord, "dictionary_word"},
    {PolicyRule::kSequence, "sequence"},
    // The seed page's own advice under the form, for a password that meets
    // every rule above and that zxcvbn still rates easy to guess.
    {PolicyRule::kGuessable, "guessable"},
    {PolicyRule::kConfirmation, "confirmation"},
};

}  // namespace

const char* PolicyRuleName(PolicyRule rule) {
  return EntryOf(kPolicyRules, rule).text;
}

bool ContainsSequentialRun(const std::string& text) {
  const std::string lower = ToLowerAscii(text);
  std::string keys = lower;
  std::transform(keys.begin(), keys.end(), keys.begin(), KeyOf);
  for (size_t i = 0; i + kMinRefusedRunLength <= lower.size(); ++i) {
    const std::string_view window =
        std::string_view(lower).substr(i, kMinRefusedRunLength);
    if (IsStepRun(window, 1) || IsStepRun(window, -1) ||
        IsKeyboardRun(std::string_view(keys).substr(i, kMinRefusedRunLength))) {
      return true;
    }
  }
  return false;
}

std::vector<PolicyViolation> CheckPassword(const std::string& password,
                                           const std::string& confirmation,
                                           const std::string& umin_id,
                                           const Dictionary& dict) {
  std::vector<PolicyViolation> violations;
  auto report = [&violations](PolicyRule rule) {
    violations.push_back({rule});
  };

  const size_t length = CountCharacters(password);
  const bool length_ok =
      length >= kMinPasswordLength && length <= kMaxPasswordLength;
  const bool printable = std::all_of(password.begin(), password.end(),
                                     IsPrintableAsciiWithoutSpace);
  if (!length_ok) report(PolicyRule::kLength);
  if (!printable) report(PolicyRule::kCharacters);
  if (!HasMixedPrefix(password)) report(PolicyRule::kFirstEightMix);

  // zxcvbn-c reads single printable bytes; a password of other characters
  // or of another length is refused above whatever it would say.
  PasswordRating rating;
  if (length_ok && printable) rating = RatePassword(password, {umin_id});

  // The ID also counts written in l33t or reversed (zxcvbn's user word).
  const std::string lower = ToLowerAscii(password);
  if (!umin_id.empty() &&
      (lower.find(ToLowerAscii(umin_id)) != std::string::npos ||
       rating.user_word)) {
    report(PolicyRule::kContainsUminId);
  }
  // The English list is matched forwards and reversed ("Xk9#esuoh"); zxcvbn
  // adds its own lists (common passwords, names), l33t ("P@ssw0rd") and
  // reversed ("Drowssap").
  const std::string reversed(password.rbegin(), password.rend());
  if (dict.FindWordIn(password, nullptr) ||
      dict.FindWordIn(reversed, nullptr) || rating.common_word) {
    report(PolicyRule::kDictionaryWord);
  }
  if (ContainsSequentialRun(password)) report(PolicyRule::kSequence);
  // The seed's general advice comes last, for a password that meets every
  // rule above yet zxcvbn rates easy to guess (e.g. "Aa1aaaaaaa"): a
  // password already refused for a named rule gets that rule's message
  // alone, which says what to change.
  if (violations.empty() && rating.guess_bits < kMinGuessBits) {
    report(PolicyRule::kGuessable);
  }
  if (confirmation != password) report(PolicyRule::kConfirmation);
  return violations;
}

std::vector<const char*> PasswordRuleNames() {
  return {"length", "mix", "id", "dictionary", "sequence"};
}

}  // namespace passwd
