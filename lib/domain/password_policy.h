// The rules a new password must follow (spec section 5, seed page
// 新しいパスワードを作成), checked as a pure function with no I/O so that a
// table of cases can test every rule.
#ifndef PASSWD_LIB_DOMAIN_PASSWORD_POLICY_H_
#define PASSWD_LIB_DOMAIN_PASSWORD_POLICY_H_

#include <string>
#include <vector>

#include "domain/dictionary.h"

namespace passwd {

// One rule of the password policy, in the order violations are reported.
enum class PolicyRule {
  kLength,          // 8 to 64 characters.
  kCharacters,      // printable ASCII 0x21-0x7E only, hence no spaces.
  kFirstEightMix,   // a lower-case letter, an upper-case letter and a digit
                    // among the first 8 characters.
  kContainsUminId,  // does not contain the UMIN ID, case-insensitively.
  kDictionaryWord,  // contains no dictionary word of 5 or more letters.
  kSequence,        // no run of 4 sequential characters or adjacent keys.
  kGuessable,       // not rated easy to guess (checked only when every rule
                    // above is met).
  kConfirmation,    // the confirmation equals the password.
};

// A broken rule. The page words it (the catalogue's
// "password_error_<PolicyRuleName>", base/catalogue.h); no sentence here.
struct PolicyViolation {
  PolicyRule rule;
};

// The shortest password accepted, in characters.
constexpr size_t kMinPasswordLength = 8;
// The longest password accepted, in characters.
constexpr size_t kMaxPasswordLength = 64;
// How many leading characters must hold a lower, an upper and a digit.
constexpr size_t kMixedPrefixLength = 8;
// The shortest sequential or keyboard run that is refused.
constexpr size_t kMinRefusedRunLength = 4;
// The fewest guesses, as log2, a password must need by zxcvbn's estimate:
// log2(10^8), the bottom of zxcvbn's score 3 ("safely unguessable"), beyond
// what an online attacker can try however fast the pages answer.
constexpr double kMinGuessBits = 26.575;

// Returns every rule that `password` breaks, in PolicyRule order, or an empty
// vector when it follows them all; `umin_id` is the account's ID (an empty ID
// skips that rule) and `dict` the loaded word list. Besides the seed's own
// checks, zxcvbn-c (domain/password_strength) finds the ID and words of its
// lists written in l33t or reversed, and rates the password as a whole.
std::vector<PolicyViolation> CheckPassword(const std::string& password,
                                           const std::string& confirmation,
                                           const std::string& umin_id,
                                           const Dictionary& dict);

// Returns the rule's name as the audit log writes it, e.g. "first_eight_mix".
const char* PolicyRuleName(PolicyRule rule);

// Returns true when `text` holds 4 or more sequential letters or digits
// (ascending or descending) or 4 or more adjacent keys of one row or one
// column of a US keyboard, punctuation keys included, in either direction,
// case-insensitively and with a shifted key read as its key ("!@#$" is
// "1234"). static/passwd.js holds the same check for the page's live mark.
bool ContainsSequentialRun(const std::string& text);

// The names of the seed's five bullet lines of the rule list, in order: the
// page shows the catalogue's "password_rule_<name>", and its script
// (static/passwd.js) marks each met or broken by name while the user types.
std::vector<const char*> PasswordRuleNames();

}  // namespace passwd

#endif  // PASSWD_LIB_DOMAIN_PASSWORD_POLICY_H_
