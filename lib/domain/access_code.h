// Access code: generation, input normalisation and keyed hashing of the
// 10-digit code mailed to a user to prove they own the account's addresses.
// Randomness comes in as a function so that tests can supply their own.
#ifndef PASSWD_LIB_DOMAIN_ACCESS_CODE_H_
#define PASSWD_LIB_DOMAIN_ACCESS_CODE_H_

#include <cstddef>
#include <functional>
#include <string>

#include "base/status.h"

namespace passwd {

// Number of decimal digits in an access code.
constexpr size_t kAccessCodeDigits = 10;

// A source of random bytes with the contract of RandomBytes in crypto.h:
// stores exactly n bytes in *out or returns an error.
using RandomByteSource = std::function<Status(size_t n, std::string* out)>;

// Draws a uniformly distributed code of kAccessCodeDigits decimal digits
// into *code, by rejection sampling (bytes of 250 and above are discarded,
// so every digit is equally likely); Internal if the source fails or keeps
// returning only rejected bytes.
Status GenerateAccessCode(const RandomByteSource& random_bytes,
                          std::string* code);

// Turns a typed code into its kAccessCodeDigits ASCII digits: half- or
// full-width digits, with spaces (ASCII, tab, U+00A0, U+3000) anywhere and
// hyphens ('-' － ー ｰ ‐ ‑ – −) between digits; InvalidInput otherwise.
Status NormalizeCodeInput(const std::string& in, std::string* code);

// Returns the stored form of a code: hex HMAC-SHA256 of code under
// server_key.
std::string AccessCodeHash(const std::string& server_key,
                           const std::string& code);

// True when code hashes to stored_hash under server_key (constant time).
bool AccessCodeMatches(const std::string& server_key, const std::string& code,
                       const std::string& stored_hash);

}  // namespace passwd

#endif  // PASSWD_LIB_DOMAIN_ACCESS_CODE_H_
