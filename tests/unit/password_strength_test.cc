#include "domain/password_strength.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <thread>
#include <vector>

namespace passwd {
namespace {

constexpr char kId[] = "tnkmrs-q7z";

struct RatingCase {
  std::string password;
  bool common_word;
  bool user_word;
  bool guessable;  // under kMinGuessBits as the policy uses it (26.575)
};

const std::vector<RatingCase>& RatingCases() {
  static const std::vector<RatingCase> cases = {
      // Words of zxcvbn's lists, plain, l33t and reversed.
      {"P@ssw0rd1", true, false, true},
      {"Passw0rdX9", true, false, true},
      {"1Drowssap", true, false, true},
      {"1Iloveyou", true, false, true},
      {"Letmein99", true, false, true},
      {"Sakura2024", true, false, true},
      {"Xk9#esuoh", true, false, false},
      {"Xk9#dragondragon", true, false, false},
      // A one-letter word repeated is no 5-letter word; its rating is low.
      {"Aa1aaaaaaa", false, false, true},
      // Words of 4 or fewer letters do not count.
      {"Xk9#cat!", false, false, false},
      {"Xk9#love", false, false, false},
      // The user's word, l33t or reversed.
      {"Qz9!TNKMR5-q7z", false, true, false},
      {"Qz9!z7q-srmknt", false, true, true},
      {"Xk9#tnkmrs-q", false, false, false},
      // Random-looking passwords.
      {"Xk7mPq2zR!", false, false, false},
      {"Tq9wLm4vZs", false, false, false},
      {"Xk9#mPq2", false, false, false},
      {"Kq7mWz2x!Rv", false, false, false},
  };
  return cases;
}

PasswordRating Rate(const std::string& password) {
  return RatePassword(password, {kId});
}

BOOST_AUTO_TEST_SUITE(password_strength)

BOOST_AUTO_TEST_CASE(rates_words_ids_and_guesses) {
  for (const RatingCase& c : RatingCases()) {
    BOOST_TEST_CONTEXT("password: " << c.password) {
      const PasswordRating r = Rate(c.password);
      BOOST_TEST(r.common_word == c.common_word);
      BOOST_TEST(r.user_word == c.user_word);
      BOOST_TEST((r.guess_bits < 26.575) == c.guessable,
                 "guess_bits " << r.guess_bits);
    }
  }
}

BOOST_AUTO_TEST_CASE(no_user_words) {
  BOOST_TEST(!RatePassword("Qz9!tnkmrs-q7z", {}).user_word);
  BOOST_TEST(!RatePassword("Qz9!tnkmrs-q7z", {""}).user_word);
  BOOST_TEST(RatePassword("", {kId}).guess_bits == 0.0);
}

// The pages call the check from several threads at once: every thread gets
// the ratings one thread alone gets.
BOOST_AUTO_TEST_CASE(same_ratings_from_several_threads) {
  std::vector<PasswordRating> alone;
  for (const RatingCase& c : RatingCases()) alone.push_back(Rate(c.password));
  constexpr int kThreads = 8;
  constexpr int kRounds = 200;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &alone, &mismatches] {
      for (int round = 0; round < kRounds; ++round) {
        for (size_t i = 0; i < RatingCases().size(); ++i) {
          const size_t k = (i + t) % RatingCases().size();
          const PasswordRating r = Rate(RatingCases()[k].password);
          if (r.guess_bits != alone[k].guess_bits ||
              r.common_word != alone[k].common_word ||
              r.user_word != alone[k].user_word) {
            ++mismatches[t];
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) BOOST_TEST(mismatches[t] == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
