// The cost parameters of scrypt and the bounds within which the hasher runs
// them. In base/ because the configuration check refuses a cost the hasher
// cannot run, and the hasher (domain/password_hash) enforces the same bounds.
#ifndef PASSWD_LIB_BASE_SCRYPT_PARAMS_H_
#define PASSWD_LIB_BASE_SCRYPT_PARAMS_H_

namespace passwd {

// The cost parameters of scrypt; the defaults are OWASP's N=2^15, r=8, p=3
// (about 32 MiB of memory per hash).
struct ScryptParams {
  int log2_n = 15;  // N = 2^log2_n, the memory and time cost.
  int r = 8;        // The block size.
  int p = 3;        // The parallelism (computed one after another here).
};

// True when the hasher runs `params`: within the bounds checked before any
// work, so that a corrupt or hostile stored string cannot make a
// verification take gigabytes or seconds (at most 256 MiB of memory and
// 2^22 units of work).
bool ScryptParamsRunnable(const ScryptParams& params);

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_SCRYPT_PARAMS_H_
