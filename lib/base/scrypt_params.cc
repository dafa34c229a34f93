#include "base/scrypt_params.h"

#include <cstdint>

namespace passwd {
namespace {

// The current parameters (2^15, 8, 3) need 32 MiB and 2^19.6 units of
// work; these bounds leave room to raise them about fivefold.
constexpr int kMinLog2N = 10;
constexpr int kMaxLog2N = 20;
constexpr int kMaxR = 32;
constexpr int kMaxP = 16;
constexpr uint64_t kMaxMemoryBytes = uint64_t{256} << 20;  // 128 * r * N.
constexpr uint64_t kMaxWork = uint64_t{1} << 22;           // N * r * p.

}  // namespace

bool ScryptParamsRunnable(const ScryptParams& params) {
  if (params.log2_n < kMinLog2N || params.log2_n > kMaxLog2N) return false;
  if (params.r < 1 || params.r > kMaxR) return false;
  if (params.p < 1 || params.p > kMaxP) return false;
  const uint64_t n = uint64_t{1} << params.log2_n;
  const uint64_t r = static_cast<uint64_t>(params.r);
  const uint64_t p = static_cast<uint64_t>(params.p);
  return 128 * r * n <= kMaxMemoryBytes && n * r * p <= kMaxWork;
}

}  // namespace passwd
