// Password hashing: scrypt (OpenSSL 3 EVP_KDF "SCRYPT") for the passwords we
// store, and SHA-512-crypt for the downstream services that read htpasswd
// files.  Randomness (the salt) comes from the caller, so every function here
// is pure and testable.
//
// Stored scrypt format, one line of printable ASCII:
//
//   $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>
//
// <salt> and <hash> are standard base64 (RFC 4648 alphabet "A-Za-z0-9+/")
// without '=' padding, as in the PHC string format; the hash is 32 bytes.
// Because the parameters travel with each hash they can be raised later:
// old hashes still verify, and NeedsRehash tells when to replace one at the
// next successful login.
#ifndef PASSWD_LIB_DOMAIN_PASSWORD_HASH_H_
#define PASSWD_LIB_DOMAIN_PASSWORD_HASH_H_

#include <cstddef>
#include <string>

#include "base/scrypt_params.h"
#include "base/status.h"

namespace passwd {

// The salt length HashPassword expects, in bytes.
constexpr size_t kScryptSaltLength = 16;
// The length of the derived hash, in bytes.
constexpr size_t kScryptHashLength = 32;

// Hashes `password` with the 16-byte `salt` and `params` into the stored
// format above; fails with InvalidInput on a bad salt length or parameters
// outside the bounds VerifyPassword accepts.
Status HashPassword(const std::string& password, const std::string& salt,
                    const ScryptParams& params, std::string* encoded);

// Sets `*match` to whether `password` hashes to `encoded`, comparing in
// constant time; fails with InvalidInput (and *match false) when `encoded` is
// not a well-formed hash string with parameters inside sane bounds.
Status VerifyPassword(const std::string& password, const std::string& encoded,
                      bool* match);

// Returns true when `encoded` should be replaced by a fresh hash: it does not
// parse, or its parameters differ from `current`.
bool NeedsRehash(const std::string& encoded, const ScryptParams& current);

// Sets `*out` to a SHA-512-crypt string of `password` ("$6$<salt>$<hash>",
// or "$6$rounds=<n>$<salt>$<hash>" when `rounds` is not 0; verifiable by
// crypt(3), `htpasswd -v` and an LDAP server's {CRYPT} scheme), with
// `rounds` rounds (0: crypt's default, 5000), its 16-character salt (the
// longest SHA-512-crypt takes) made by libxcrypt from the first 16 of the
// random `salt_bytes`; fails with InvalidInput on fewer than 16 salt bytes,
// rounds outside 1000..999999999 or a password holding a NUL byte.
Status Sha512CryptHash(const std::string& password,
                       const std::string& salt_bytes, unsigned long rounds,
                       std::string* out);

}  // namespace passwd

#endif  // PASSWD_LIB_DOMAIN_PASSWORD_HASH_H_
