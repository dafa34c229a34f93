#include "domain/password_policy.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "base/enum_table.h"
#include "base/text.h"

namespace passwd {

namespace {

// The keyboard rows whose adjacent keys may not appear 4 in a row.
constexpr std::array<std::string_view, 4> kKeyboardRows = {
    "1234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
};

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

// True when `window` (lower case) is a stretch of adjacent keys of one
// keyboard row, read left to right or right to left.
bool IsKeyboardRun(std::string_view window) {
  std::string reversed(window.rbegin(), window.rend());
  for (std::string_view row : kKeyboardRows) {
    if (row.find(window) != std::string_view::npos ||
        row.find(reversed) != std::string_view::npos) {
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
    {PolicyRule::kConfirmation, "confirmation"},
};

}  // namespace

const char* PolicyRuleName(PolicyRule rule) {
  return EntryOf(kPolicyRules, rule).text;
}

bool ContainsSequentialRun(const std::string& text) {
  const std::string lower = ToLowerAscii(text);
  const std::string_view view(lower);
  for (size_t i = 0; i + kMinRefusedRunLength <= view.size(); ++i) {
    const std::string_view window = view.substr(i, kMinRefusedRunLength);
    if (IsStepRun(window, 1) || IsStepRun(window, -1) ||
        IsKeyboardRun(window)) {
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
  if (length < kMinPasswordLength || length > kMaxPasswordLength) {
    report(PolicyRule::kLength);
  }
  if (!std::all_of(password.begin(), password.end(),
                   IsPrintableAsciiWithoutSpace)) {
    report(PolicyRule::kCharacters);
  }
  if (!HasMixedPrefix(password)) report(PolicyRule::kFirstEightMix);
  const std::string lower = ToLowerAscii(password);
  if (!umin_id.empty() &&
      lower.find(ToLowerAscii(umin_id)) != std::string::npos) {
    report(PolicyRule::kContainsUminId);
  }
  if (dict.FindWordIn(password, nullptr)) report(PolicyRule::kDictionaryWord);
  if (ContainsSequentialRun(password)) report(PolicyRule::kSequence);
  if (confirmation != password) report(PolicyRule::kConfirmation);
  return violations;
}

std::vector<const char*> PasswordRuleNames() {
  return {"length", "mix", "id", "dictionary", "sequence"};
}

}  // namespace passwd
