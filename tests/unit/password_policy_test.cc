#include "base/catalogue.h"
#include "domain/password_policy.h"

#include <boost/test/unit_test.hpp>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/dictionary.h"

namespace passwd {
namespace {

std::string RuleName(PolicyRule rule) {
  switch (rule) {
    case PolicyRule::kLength:
      return "length";
    case PolicyRule::kCharacters:
      return "characters";
    case PolicyRule::kFirstEightMix:
      return "first-eight-mix";
    case PolicyRule::kContainsUminId:
      return "umin-id";
    case PolicyRule::kDictionaryWord:
      return "dictionary";
    case PolicyRule::kSequence:
      return "sequence";
    case PolicyRule::kGuessable:
      return "guessable";
    case PolicyRule::kConfirmation:
      return "confirmation";
  }
  return "?";
}

const std::vector<PolicyRule> kAllRules = {
    PolicyRule::kLength,         PolicyRule::kCharacters,
    PolicyRule::kFirstEightMix,  PolicyRule::kContainsUminId,
    PolicyRule::kDictionaryWord, PolicyRule::kSequence,
    PolicyRule::kGuessable,      PolicyRule::kConfirmation,
};

std::unique_ptr<Dictionary> SmallDictionary() {
  return Dictionary::FromWords(
      {"house", "dragon", "monkey", "Sunshine", "apple", "cat", "don't"});
}

constexpr char kId[] = "tnkmrs-q7z";
// Follows every rule: 8 characters, mixed, no word, no run.
constexpr char kGood[] = "Xk9#mPq2";

std::string Repeat(const std::string& s, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += s;
  return out;
}

struct PolicyCase {
  std::string name;
  std::string password;
  std::optional<std::string> confirmation;  // nullopt: same as password.
  std::string umin_id;
  std::vector<std::string> expected;  // RuleName of each violation, in order.
};

std::vector<PolicyCase> PolicyCases() {
  const std::string good = kGood;
  const std::string sixty_four = Repeat(good, 8);
  return {
      // Passing passwords.
      {"valid, exactly 8", good, std::nullopt, kId, {}},
      {"valid, exactly 64", sixty_four, std::nullopt, kId, {}},
      {"valid, all printable kinds",
       "a!B2~}|{`_^]\\[@?>=<;:/.-,+*)('&%$\"",
       std::nullopt,
       kId,
       {}},
      {"valid, empty ID skips the ID rule", good, std::nullopt, "", {}},
      {"valid, part of the ID only", "Xk9#tnkmrs-q", std::nullopt, kId, {}},
      {"valid, 3-long runs", "Xk9#123q", std::nullopt, kId, {}},
      {"valid, 3-long letter run", "Xk9#abcQ", std::nullopt, kId, {}},
      {"valid, 3 adjacent keys", "Xk9#asdQ", std::nullopt, kId, {}},
      {"valid, digits then symbol", "Xk9#789:", std::nullopt, kId, {}},
      {"valid, no wrap-around", "Xk9#yzab", std::nullopt, kId, {}},
      {"valid, keys across rows", "Xk9#qwas", std::nullopt, kId, {}},
      {"valid, repeated character", "Xk9#aaaa", std::nullopt, kId, {}},
      {"valid, 4-letter non-word", "Xk9#hous", std::nullopt, kId, {}},
      {"valid, short word not kept", "Xk9#cat!", std::nullopt, kId, {}},

      // Length.
      {"7 characters", "Xk9#mPq", std::nullopt, kId, {"length"}},
      {"65 characters", sixty_four + "z", std::nullopt, kId, {"length"}},
      {"empty", "", std::nullopt, kId, {"length", "first-eight-mix"}},

      // Characters.
      {"space", "Xk9# mPq2", std::nullopt, kId, {"characters"}},
      {"leading space", " Xk9#mPq2", std::nullopt, kId, {"characters"}},
      {"tab", "Xk9#\tmPq2", std::nullopt, kId, {"characters"}},
      {"DEL", "Xk9#mPq2\x7f", std::nullopt, kId, {"characters"}},
      {"accented letter",
       "Xk9#mPq2\xc3\xa9",
       std::nullopt,
       kId,
       {"characters"}},
      {"full-width letter",
       "\xef\xbc\xb8k9#mPq2",
       std::nullopt,
       kId,
       {"characters"}},
      // 5 kana + 3 ASCII = 8 characters (18 bytes): the length counts
      // characters, and the first 8 characters still hold the mix.
      {"kana, 8 characters",
       "あいうえおk9X",
       std::nullopt,
       kId,
       {"characters"}},
      {"kana, 7 characters",
       "あいうえk9X",
       std::nullopt,
       kId,
       {"length", "characters"}},

      // Lower, upper and digit among the first 8 characters.
      {"no digit in first 8",
       "Xk#mPq!z9",
       std::nullopt,
       kId,
       {"first-eight-mix"}},
      {"no upper in first 8",
       "xk9#mpq2Z",
       std::nullopt,
       kId,
       {"first-eight-mix"}},
      {"no lower in first 8",
       "XK9#MPQ2z",
       std::nullopt,
       kId,
       {"first-eight-mix"}},
      {"digit at exactly 8th", "Xk#mPq!9", std::nullopt, kId, {}},
      {"symbols only", "!#%&!#%&", std::nullopt, kId, {"first-eight-mix"}},

      // UMIN ID.
      {"ID inside", "Xk9#tnkmrs-q7z", std::nullopt, kId, {"umin-id"}},
      {"upper-case ID inside",
       "Q1z!TNKMRS-Q7Z",
       std::nullopt,
       kId,
       {"umin-id"}},
      {"mixed-case ID given",
       "Xk9#tnkmrs-q7z",
       std::nullopt,
       "TNKMRS-Q7Z",
       {"umin-id"}},
      {"password is the ID",
       "tnkmrs-q7z",
       std::nullopt,
       kId,
       {"first-eight-mix", "umin-id"}},

      // Dictionary words.
      {"word in mixed case", "Xk9#HoUsE2", std::nullopt, kId, {"dictionary"}},
      {"word after the 8th character",
       "Xk9#mPq2dragon",
       std::nullopt,
       kId,
       {"dictionary"}},
      {"word kept lower-cased from Sunshine",
       "Xk9#SUNSHINE",
       std::nullopt,
       kId,
       {"dictionary"}},
      // A symbol that is no l33t letter breaks a word; a digit that is one
      // ("5" for "s") does not, below.
      {"word broken by a symbol", "Xk9#hou#e", std::nullopt, kId, {}},
      {"word reversed", "Xk9#ESUOHq", std::nullopt, kId, {"dictionary"}},

      // zxcvbn's lists (common passwords, names), l33t and reversed words,
      // beyond the English word list (issue 14).
      {"l33t word, digit for s",
       "Xk9#hou5e",
       std::nullopt,
       kId,
       {"dictionary"}},
      {"issue 14: l33t P@ssw0rd",
       "P@ssw0rd1",
       std::nullopt,
       kId,
       {"dictionary"}},
      {"issue 14: l33t Passw0rd",
       "Passw0rdX9",
       std::nullopt,
       kId,
       {"dictionary"}},
      {"issue 14: reversed password",
       "1Drowssap",
       std::nullopt,
       kId,
       {"dictionary"}},
      {"issue 14: common password",
       "1Iloveyou",
       std::nullopt,
       kId,
       {"dictionary"}},
      {"issue 14: common password letmein",
       "Letmein99",
       std::nullopt,
       kId,
       {"dictionary"}},
      {"issue 14: first name", "Sakura2024", std::nullopt, kId, {"dictionary"}},
      {"name after a random start",
       "Xk9#Sakura",
       std::nullopt,
       kId,
       {"dictionary"}},
      {"word repeated", "Xk9#dragondragon", std::nullopt, kId, {"dictionary"}},
      {"ID in l33t", "Qz9!TNKMR5-q7z", std::nullopt, kId, {"umin-id"}},
      {"ID reversed", "Qz9!z7q-srmknt", std::nullopt, kId, {"umin-id"}},

      // Sequential characters and keyboard rows.
      {"seed example 1234", "Xk9#1234q", std::nullopt, kId, {"sequence"}},
      {"seed example abcd", "Xk9#abcdQ", std::nullopt, kId, {"sequence"}},
      {"seed example asdf", "Xk9#asdfQ", std::nullopt, kId, {"sequence"}},
      {"upper-case ascending", "Xk9#ABCDq", std::nullopt, kId, {"sequence"}},
      {"mixed-case ascending", "Xk9#aBcDq", std::nullopt, kId, {"sequence"}},
      {"descending digits", "Xk9#4321q", std::nullopt, kId, {"sequence"}},
      {"descending letters", "Xk9#dcbaQ", std::nullopt, kId, {"sequence"}},
      {"keyboard qwer", "Xk9#QWERq", std::nullopt, kId, {"sequence"}},
      {"keyboard zxcv", "Xk9#zxcvQ", std::nullopt, kId, {"sequence"}},
      {"keyboard reversed lkjh", "Xk9#lkjhQ", std::nullopt, kId, {"sequence"}},
      {"keyboard reversed poiu", "Xk9#POIUq", std::nullopt, kId, {"sequence"}},
      {"keyboard reversed mnbv", "Xk9#mnbvQ", std::nullopt, kId, {"sequence"}},
      {"number row 7890", "Xk9#7890q", std::nullopt, kId, {"sequence"}},
      {"number row reversed 0987",
       "Xk9#0987q",
       std::nullopt,
       kId,
       {"sequence"}},
      {"run after the 8th character",
       "Xk9#mPq2wxyz",
       std::nullopt,
       kId,
       {"sequence"}},
      {"run at the start", "wxyzXk9#", std::nullopt, kId, {"sequence"}},
      {"issue 14: row through ;", "jkl;Ab12", std::nullopt, kId, {"sequence"}},
      {"issue 14: shifted digits",
       "!@#$Ab12x",
       std::nullopt,
       kId,
       {"sequence"}},
      // 1qaz2wsx is on zxcvbn's list of common passwords as well.
      {"issue 14: column",
       "1qaz2wsX",
       std::nullopt,
       kId,
       {"dictionary", "sequence"}},
      {"row through , and .", "Xk9#m,./Q", std::nullopt, kId, {"sequence"}},
      {"column upwards", "Xk9#vfr4Q", std::nullopt, kId, {"sequence"}},
      {"shifted column", "Xk9#@WSXq", std::nullopt, kId, {"sequence"}},

      // Rated easy to guess, yet no named rule broken: the seed's advice.
      {"issue 14: repeats", "Aa1aaaaaaa", std::nullopt, kId, {"guessable"}},
      {"repeats after a short start",
       "Aa1bbbbbbbbbbbbb",
       std::nullopt,
       kId,
       {"guessable"}},
      {"repeats, confirmation differs",
       "Aa1aaaaaaa",
       std::string("Aa1aaaaaab"),
       kId,
       {"guessable", "confirmation"}},
      // A named rule broken: its message alone, not the advice as well.
      {"guessable and a word",
       "Qz9sunshine",
       std::nullopt,
       kId,
       {"dictionary"}},

      // Random-looking passwords stay accepted (issue 14).
      {"issue 14: random", "Xk7mPq2zR!", std::nullopt, kId, {}},
      {"issue 14: random letters", "Tq9wLm4vZs", std::nullopt, kId, {}},
      {"integration tests' password", "Kq7mWz2x!Rv", std::nullopt, kId, {}},

      // Confirmation.
      {"confirmation differs",
       good,
       std::string("Xk9#mPq3"),
       kId,
       {"confirmation"}},
      {"confirmation differs in case",
       good,
       std::string("xk9#mPq2"),
       kId,
       {"confirmation"}},
      {"confirmation empty", good, std::string(""), kId, {"confirmation"}},
      {"confirmation longer", good, good + " ", kId, {"confirmation"}},

      // Several rules at once are all reported, in rule order.
      {"every rule",
       "1234 house tnkmrs-q7z" + Repeat("x", 50),
       std::string("other"),
       kId,
       {"length", "characters", "first-eight-mix", "umin-id", "dictionary",
        "sequence", "confirmation"}},
      {"three rules",
       "abcdhouse",
       std::string("abcdhouse!"),
       kId,
       {"first-eight-mix", "dictionary", "sequence", "confirmation"}},
  };
}

BOOST_AUTO_TEST_SUITE(password_policy)

BOOST_AUTO_TEST_CASE(check_password_reports_every_broken_rule) {
  const std::unique_ptr<Dictionary> dict = SmallDictionary();
  for (const PolicyCase& c : PolicyCases()) {
    BOOST_TEST_CONTEXT("case: " << c.name) {
      const std::string confirmation = c.confirmation.value_or(c.password);
      const std::vector<PolicyViolation> violations =
          CheckPassword(c.password, confirmation, c.umin_id, *dict);
      std::vector<std::string> actual;
      for (const PolicyViolation& v : violations) {
        actual.push_back(RuleName(v.rule));
      }
      BOOST_TEST(actual == c.expected, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(rule_names_are_the_audit_logs) {
  const std::vector<std::string> names = {
      "length",          "characters", "first_eight_mix", "contains_id",
      "dictionary_word", "sequence",   "guessable",       "confirmation"};
  BOOST_REQUIRE(names.size() == kAllRules.size());
  for (size_t i = 0; i < names.size(); ++i) {
    BOOST_TEST(PolicyRuleName(kAllRules[i]) == names[i]);
  }
}

BOOST_AUTO_TEST_CASE(messages_are_distinct_japanese_sentences) {
  struct MessageCase {
    PolicyRule rule;
    std::vector<std::string> must_contain;
  };
  const std::vector<MessageCase> cases = {
      {PolicyRule::kLength, {"8文字以上", "64文字以下"}},
      {PolicyRule::kCharacters, {"半角", "空白"}},
      {PolicyRule::kFirstEightMix,
       {"先頭から8文字目まで", "英字小文字", "英字大文字", "数字"}},
      {PolicyRule::kContainsUminId, {"UMIN ID"}},
      {PolicyRule::kDictionaryWord, {"辞書", "5文字以上"}},
      {PolicyRule::kSequence,
       {"「1234」", "「abcd」", "「asdf」", "4文字以上"}},
      {PolicyRule::kGuessable,
       {"推測が難しい文字列にて設定いただけますようお願いいたします。"}},
      {PolicyRule::kConfirmation, {"確認", "一致しません"}},
  };
  BOOST_TEST(cases.size() == kAllRules.size());
  std::set<std::string> seen;
  for (const MessageCase& c : cases) {
    BOOST_TEST_CONTEXT("rule: " << RuleName(c.rule)) {
      const std::string message =
          Text(Lang::kJa, std::string("password_error_") + PolicyRuleName(c.rule));
      for (const std::string& part : c.must_contain) {
        BOOST_TEST(message.find(part) != std::string::npos, "lacks " << part);
      }
      // One sentence: it ends with the only 。 it has.
      BOOST_TEST(message.size() > 3u);
      BOOST_TEST(message.find("。") ==
                 message.size() - std::string("。").size());
      BOOST_TEST(seen.insert(message).second);
    }
  }
}

BOOST_AUTO_TEST_CASE(contains_sequential_run) {
  struct RunCase {
    std::string text;
    bool expected;
  };
  const std::vector<RunCase> cases = {
      {"", false},
      {"123", false},
      {"1234", true},
      {"4321", true},
      {"abcd", true},
      {"DCBA", true},
      {"AbCd", true},
      {"wxyz", true},
      {"xyza", false},
      {"890a", false},
      {"7890", true},
      {"0987", true},
      {"0123", true},
      {"3210", true},
      {"9012", false},
      {"qwer", true},
      {"rewq", true},
      {"uiop", true},
      {"asdf", true},
      {"fdsa", true},
      {"hjkl", true},
      {"lkjh", true},
      {"zxcv", true},
      {"vcxz", true},
      {"bnm,", true},
      {"mnbv", true},
      {"qwe!rty", false},
      {"plok", false},
      {"ab12cd34", false},
      {"a1b2c3d4", false},
      {"!\"#$", false},
      {"@ABC", false},
      {"9:;<", false},
      {"xx1234xx", true},
      {"aaaa", false},
      {"abab", false},
      {"qazwsx", false},
      {"Xk9#mPq2", false},
      // Punctuation keys, columns and shifted keys (issue 14).
      {"jkl;", true},
      {";lkj", true},
      {"l;'a", false},
      {"kl;'", true},
      {"m,./", true},
      {"op[]", true},
      {"[]\\a", false},
      {"p[]\\", true},
      {"90-=", true},
      {"`123", true},
      {"!@#$", true},
      {"$#@!", true},
      {"%^&*", true},
      {")(*&", true},
      {"!2#4", true},
      {"QWE$", false},
      {"ASD:", false},
      {"JKL:", true},
      {"1qaz", true},
      {"zaq1", true},
      {"!QAZ", true},
      {"2wsx", true},
      {"xsw@", true},
      {"0p;/", true},
      {")P:?", true},
      {"8ik,", true},
      {"qaz2", false},
      {"1qa2", false},
      {"1q2w3e", false},
  };
  for (const RunCase& c : cases) {
    BOOST_TEST_CONTEXT("text: " << c.text) {
      BOOST_TEST(ContainsSequentialRun(c.text) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(rule_texts_are_the_seed_list) {
  const std::vector<std::string> expected = {
      "長さは8文字以上",
      "先頭から8文字目までに、英字小文字、英字大文字、数字をそれぞれ1文字以上含"
      "めて下さい",
      "UMIN ID文字列を含めることはできません",
      "辞書にある5文字以上の文字は含めません",
      "数字やアルファベットの並び文字列（「1234」「abcd」等）、キーボード配列上"
      "の並び文字（「asdf」等）を4文字以上含めません",
  };
  std::vector<std::string> texts;
  for (const char* name : PasswordRuleNames()) {
    texts.push_back(Text(Lang::kJa, std::string("password_rule_") + name));
  }
  BOOST_TEST(texts == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
