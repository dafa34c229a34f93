#include "domain/password_strength.h"

#include <zxcvbn.h>

#include <memory>
#include <string_view>

namespace passwd {

namespace {

// Owns the list of matches ZxcvbnMatch returns.
struct MatchListDeleter {
  void operator()(ZxcMatch_t* list) const { ZxcvbnFreeInfo(list); }
};
using MatchList = std::unique_ptr<ZxcMatch_t, MatchListDeleter>;

// The length of the shortest unit whose repetition makes up `text`, so that
// zxcvbn's "word repeated" match of "aaaaaaa" (the one-letter word "a" seven
// times) counts as a 1-letter word, and "dragondragon" as a 6-letter one.
size_t RepeatedUnitLength(std::string_view text) {
  for (size_t unit = 1; unit < text.size(); ++unit) {
    if (text.size() % unit != 0) continue;
    if (text.substr(unit) == text.substr(0, text.size() - unit)) return unit;
  }
  return text.size();
}

}  // namespace

// Thread safety: Debian builds zxcvbn-c with its word lists compiled in
// (USE_DICT_FILE undefined, so libzxcvbn exports no ZxcvbnInit and keeps no
// state to load); its tables are const and ZxcvbnMatch works on the stack and
// on the list it allocates for its caller. Calls from several of a page's
// threads at once share nothing they write.
//
// Reversed words: zxcvbn-c 2.5 matches the reversed password against its
// lists and the user's words too ("Reverse dictionary words check" in
// zxcvbn.c), so "1Drowssap" reads as "password" reversed; the English word
// list of domain/dictionary is matched reversed by the policy itself.
PasswordRating RatePassword(const std::string& password,
                            const std::vector<std::string>& user_words) {
  std::vector<const char*> user_dict;
  for (const std::string& word : user_words) {
    if (!word.empty()) user_dict.push_back(word.c_str());
  }
  user_dict.push_back(nullptr);

  ZxcMatch_t* info = nullptr;
  PasswordRating rating;
  rating.guess_bits = ZxcvbnMatch(password.c_str(), user_dict.data(), &info);
  const MatchList matches(info);

  // The matches are zxcvbn's cheapest reading of the whole password, one
  // part after the other; MULTIPLE_MATCH marks a part repeated.
  const std::string_view text(password);
  for (const ZxcMatch_t* m = matches.get(); m != nullptr; m = m->Next) {
    const int type = m->Type & ~MULTIPLE_MATCH;
    if (m->Begin < 0 || m->Length <= 0 ||
        static_cast<size_t>(m->Begin) >= text.size()) {
      continue;
    }
    const std::string_view part = text.substr(m->Begin, m->Length);
    switch (type) {
      case DICTIONARY_MATCH:
      case DICT_LEET_MATCH: {
        const size_t word_length = (m->Type & MULTIPLE_MATCH) != 0
                                       ? RepeatedUnitLength(part)
                                       : part.size();
        if (word_length >= kMinRatedWordLength) rating.common_word = true;
        break;
      }
      case USER_MATCH:
      case USER_LEET_MATCH:
        rating.user_word = true;
        break;
      default:
        break;
    }
  }
  return rating;
}

}  // namespace passwd
