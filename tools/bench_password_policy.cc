// bench_password_policy: measures CheckPassword, zxcvbn's rating included,
// on a typical and on 64-character passwords against the real dictionary,
// to show the check stays well under a millisecond.  A measurement, not a
// test: it always exits 0 once it ran.
//
// Usage: bench_password_policy <dictionary file> [iterations]
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/dictionary.h"
#include "domain/password_policy.h"

namespace {

struct BenchCase {
  std::string name;
  std::string password;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: bench_password_policy <dictionary file> "
                 "[iterations]\n";
    return 2;
  }
  const long iterations = argc == 3 ? std::atol(argv[2]) : 100000;
  if (iterations <= 0) {
    std::cerr << "bench_password_policy: iterations must be positive\n";
    return 2;
  }

  const auto load_start = std::chrono::steady_clock::now();
  std::unique_ptr<passwd::Dictionary> dict;
  const passwd::Status s = passwd::Dictionary::Load(argv[1], &dict);
  if (!s.ok()) {
    std::cerr << "bench_password_policy: " << s.ToString() << "\n";
    return 1;
  }
  const std::chrono::duration<double, std::milli> load_time =
      std::chrono::steady_clock::now() - load_start;
  std::cout << "loaded " << dict->size() << " words in " << load_time.count()
            << " ms\n";

  // The worst case for the dictionary walk is a long run of letters, where
  // every position opens a deep prefix search.
  const std::vector<BenchCase> cases = {
      {"typical", "Xk7mPq2zR!"},
      {"valid, mixed",
       "Qz8!vT3wXk9#mPq2Rb7%nLc4Hj6&Wd5(Ys1)Tf0*Gp3+Kv7-Mx2=Nb9?Ze4^Ua8~"},
      {"letters only",
       "Abstractionistsinterdenominationalismcounterrevolutionariesxyzqu"},
      {"many violations",
       "1234 house qwerty asdf password dragon monkey sunshine abcdefghi"},
  };
  const std::string umin_id = "tnkmrs-q7z";
  for (const BenchCase& c : cases) {
    size_t violations = 0;
    const auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < iterations; ++i) {
      violations +=
          passwd::CheckPassword(c.password, c.password, umin_id, *dict).size();
    }
    const std::chrono::duration<double, std::micro> elapsed =
        std::chrono::steady_clock::now() - start;
    std::cout << c.name << " (" << c.password.size()
              << " characters): " << elapsed.count() / iterations
              << " us per check over " << iterations << " iterations, "
              << violations / iterations << " violations\n";
  }
  return 0;
}
