// base/scrypt_params.h: the bounds within which the hasher runs scrypt.
#include "base/scrypt_params.h"

#include <boost/test/unit_test.hpp>
#include <vector>

namespace passwd {
namespace {

BOOST_AUTO_TEST_CASE(RunsWithinItsMemoryAndWorkBounds) {
  struct Case {
    ScryptParams params;
    bool runnable;
  };
  const std::vector<Case> cases = {
      {{15, 8, 3}, true},   // the defaults: 32 MiB, 2^19.6 work
      {{17, 8, 3}, true},   // 128 MiB, 2^21.6 work
      {{18, 8, 3}, false},  // 256 MiB, but 2^22.6 work
      {{18, 8, 1}, true},   // 256 MiB, 2^21 work
      {{19, 8, 1}, false},  // 512 MiB
      {{9, 8, 1}, false},   // below the smallest N
      {{21, 1, 1}, false},  // above the largest N
      {{15, 0, 3}, false},
      {{15, 33, 1}, false},
      {{15, 8, 0}, false},
      {{15, 8, 17}, false},
  };
  for (const Case& c : cases) {
    BOOST_TEST(ScryptParamsRunnable(c.params) == c.runnable,
               c.params.log2_n << "," << c.params.r << "," << c.params.p);
  }
}

}  // namespace
}  // namespace passwd
