// How guessable a password is, as Debian's zxcvbn-c (libzxcvbn) rates it:
// its common-password, English, first-name, surname and TV/film lists, with
// l33t substitutions and reversed words, keyboard patterns of the US and UK
// layouts and keypads, sequences, repeats and dates. A pure function, no I/O;
// the password policy (domain/password_policy) turns the rating into rules.
#ifndef PASSWD_LIB_DOMAIN_PASSWORD_STRENGTH_H_
#define PASSWD_LIB_DOMAIN_PASSWORD_STRENGTH_H_

#include <cstddef>
#include <string>
#include <vector>

namespace passwd {

// What zxcvbn-c found in one password.
struct PasswordRating {
  // zxcvbn's estimate of log2 of the guesses an attacker needs.
  double guess_bits = 0;
  // A word of zxcvbn's lists (plain, l33t or reversed, repeated or not) at
  // least kMinRatedWordLength characters long, on zxcvbn's best reading.
  bool common_word = false;
  // One of the caller's own words (plain, l33t or reversed).
  bool user_word = false;
};

// The shortest word of zxcvbn's lists that sets PasswordRating::common_word.
constexpr size_t kMinRatedWordLength = 5;

// Rates `password` (printable ASCII: zxcvbn-c reads single bytes) with
// `user_words` (e.g. the UMIN ID) as words an attacker would try first.
// Safe to call from several threads at once.
PasswordRating RatePassword(const std::string& password,
                            const std::vector<std::string>& user_words);

}  // namespace passwd

#endif  // PASSWD_LIB_DOMAIN_PASSWORD_STRENGTH_H_
