// The password policy (domain/password_policy): fields password,
// confirmation, UMIN ID and extra dictionary words (space-separated),
// separated by NUL bytes; an empty confirmation field stands for one equal
// to the password.
// - CheckPassword never throws, is deterministic, reports each rule at most
//   once in PolicyRule order (the page words it from the catalogue, so
//   never with a part of the password);
// - every rule is reported exactly when an independent check says it is
//   broken (the length and the first-eight rule for ASCII passwords); the
//   UMIN ID and dictionary rules at least then, as zxcvbn adds l33t,
//   reversed and its own lists; the guessable rule only when no rule before
//   it is broken.
#include <algorithm>
#include <memory>
#include <sstream>

#include "domain/dictionary.h"
#include "domain/password_policy.h"
#include "fuzz_support.h"

namespace {

std::string Lower(const std::string& s) {
  std::string out = s;
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// A US keyboard's key for each shifted symbol.
char Unshift(char c) {
  static const std::string kShifted = "~!@#$%^&*()_+{}|:\"<>?";
  static const std::string kKeys = "`1234567890-=[]\\;',./";
  const size_t at = kShifted.find(c);
  return at == std::string::npos ? c : kKeys[at];
}

bool SequentialRun(const std::string& password) {
  static const char* const kRows[] = {
      "`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./", "1qaz",
      "2wsx",          "3edc",           "4rfv",        "5tgb",       "6yhn",
      "7ujm",          "8ik,",           "9ol.",        "0p;/"};
  const std::string s = Lower(password);
  std::string keys = s;
  for (char& c : keys) c = Unshift(c);
  for (size_t i = 0; i + 4 <= s.size(); ++i) {
    const std::string w = s.substr(i, 4);
    for (int step : {1, -1}) {
      bool run = true;
      for (size_t k = 1; k < 4; ++k) run = run && w[k] - w[k - 1] == step;
      const bool letters = std::all_of(
          w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      const bool digits = std::all_of(
          w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (run && (letters || digits)) return true;
    }
    const std::string k = keys.substr(i, 4);
    const std::string r(k.rbegin(), k.rend());
    for (const char* row : kRows) {
      const std::string line = row;
      if (line.find(k) != std::string::npos ||
          line.find(r) != std::string::npos) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace passwd;
  std::vector<std::string> f = passwd_fuzz::Fields(data, size, 4);
  const std::string& password = f[0];
  const std::string confirmation = f[1].empty() ? f[0] : f[1];
  const std::string& umin_id = f[2];

  std::vector<std::string> raw_words = {"password", "dragon",  "monkey",
                                        "sakura",   "letmein", "welcome",
                                        "shadow",   "master",  "tokyo"};
  std::istringstream extra(f[3]);
  for (std::string w; extra >> w;) raw_words.push_back(w);
  const std::unique_ptr<Dictionary> dict = Dictionary::FromWords(raw_words);
  std::vector<std::string> words;
  for (const std::string& raw : raw_words) {
    std::string w;
    if (Dictionary::NormalizeWord(raw, &w)) words.push_back(w);
  }

  const auto violations = CheckPassword(password, confirmation, umin_id, *dict);
  const auto again = CheckPassword(password, confirmation, umin_id, *dict);
  FUZZ_CHECK(violations.size() == again.size());
  std::vector<PolicyRule> rules;
  for (size_t i = 0; i < violations.size(); ++i) {
    FUZZ_CHECK(violations[i].rule == again[i].rule);
    FUZZ_CHECK(PolicyRuleName(violations[i].rule) != nullptr);
    if (i > 0) FUZZ_CHECK(violations[i - 1].rule < violations[i].rule);
    rules.push_back(violations[i].rule);
  }
  auto reported = [&rules](PolicyRule rule) {
    return std::find(rules.begin(), rules.end(), rule) != rules.end();
  };

  const bool ascii = std::all_of(password.begin(), password.end(),
                                 [](char c) { return (c & 0x80) == 0; });
  if (ascii) {
    FUZZ_CHECK(reported(PolicyRule::kLength) ==
               (password.size() < 8 || password.size() > 64));
    const std::string head = password.substr(0, 8);
    const bool mix = std::any_of(head.begin(), head.end(),
                                 [](char c) { return c >= 'a' && c <= 'z'; }) &&
                     std::any_of(head.begin(), head.end(),
                                 [](char c) { return c >= 'A' && c <= 'Z'; }) &&
                     std::any_of(head.begin(), head.end(),
                                 [](char c) { return c >= '0' && c <= '9'; });
    FUZZ_CHECK(reported(PolicyRule::kFirstEightMix) == !mix);
  }
  const bool printable =
      std::all_of(password.begin(), password.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x21 &&
               static_cast<unsigned char>(c) <= 0x7e;
      });
  FUZZ_CHECK(reported(PolicyRule::kCharacters) == !printable);
  if (!umin_id.empty() &&
      Lower(password).find(Lower(umin_id)) != std::string::npos) {
    FUZZ_CHECK(reported(PolicyRule::kContainsUminId));
  }
  if (umin_id.empty()) FUZZ_CHECK(!reported(PolicyRule::kContainsUminId));
  bool word = false;
  for (const std::string& w : words) {
    word = word || Lower(password).find(w) != std::string::npos;
  }
  const std::string reversed(password.rbegin(), password.rend());
  for (const std::string& w : words) {
    word = word || Lower(reversed).find(w) != std::string::npos;
  }
  if (word) FUZZ_CHECK(reported(PolicyRule::kDictionaryWord));
  if (reported(PolicyRule::kGuessable)) {
    FUZZ_CHECK(rules.front() == PolicyRule::kGuessable);
  }
  FUZZ_CHECK(reported(PolicyRule::kSequence) == SequentialRun(password));
  FUZZ_CHECK(ContainsSequentialRun(password) == SequentialRun(password));
  FUZZ_CHECK(reported(PolicyRule::kConfirmation) == (confirmation != password));
  return 0;
}
