// Crypto: the few OpenSSL primitives the service shares (randomness, hashes,
// encodings, constant-time comparison, authenticated encryption), each behind
// a small function that reports failure as a Status instead of an OpenSSL
// error queue.
#ifndef PASSWD_LIB_BASE_CRYPTO_H_
#define PASSWD_LIB_BASE_CRYPTO_H_

#include <cstddef>
#include <string>

#include "base/status.h"

namespace passwd {

// Size in bytes of an AES-256-GCM key.
constexpr size_t kAeadKeySize = 32;
// Size in bytes of an AES-256-GCM nonce.
constexpr size_t kAeadNonceSize = 12;
// Size in bytes of an AES-256-GCM authentication tag.
constexpr size_t kAeadTagSize = 16;
// Size in bytes of a SHA-256 digest (and of an HMAC-SHA256).
constexpr size_t kSha256Size = 32;

// Overwrites a string that held a secret (OPENSSL_cleanse) and empties it,
// before its memory is released; copies made by reallocation or by
// libraries are beyond reach.
void Wipe(std::string* s);

// Wipes a string when it goes out of scope, on every return path.
class WipeOnExit {
 public:
  explicit WipeOnExit(std::string* s) : s_(s) {}
  ~WipeOnExit() { Wipe(s_); }
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;

 private:
  std::string* s_;
};

// Stores n cryptographically secure random bytes (RAND_bytes) in *out.
Status RandomBytes(size_t n, std::string* out);

// Returns the raw 32-byte HMAC-SHA256 of data under key (aborts the process
// on an OpenSSL failure, which only exhausted memory causes, rather than
// return a digest that could match another).
std::string HmacSha256(const std::string& key, const std::string& data);

// Returns the raw 32-byte SHA-256 digest of data (aborts like HmacSha256).
std::string Sha256(const std::string& data);

// Derives `length` bytes (at most 255 * 32) from the input key material
// `key` with HKDF-SHA256 (RFC 5869) under `salt` (may be empty) and the
// purpose label `info` into *out; fails on an empty key.
Status HkdfSha256(const std::string& key, const std::string& salt,
                  const std::string& info, size_t length, std::string* out);

// Returns bytes as lower-case hexadecimal, two characters per byte.
std::string HexEncode(const std::string& bytes);

// Returns the SHA-256 of a random token as hex: the one form in which a
// token (a flow cookie, a mailed link, a session) is stored, so a database
// leak gives no usable token.
std::string StoredTokenHash(const std::string& token);

// Decodes hexadecimal text (either case, even length) into *bytes.
Status HexDecode(const std::string& hex, std::string* bytes);

// Returns bytes in the URL-safe base64 alphabet (RFC 4648 section 5) without
// '=' padding, fit for a cookie value.
std::string Base64UrlEncode(const std::string& bytes);

// Decodes unpadded URL-safe base64 (as Base64UrlEncode writes it) into
// *bytes, refusing any other character, padding or a non-canonical tail.
Status Base64UrlDecode(const std::string& text, std::string* bytes);

// True when a and b hold the same bytes; the time taken depends only on the
// lengths, never on where the contents differ.
bool ConstantTimeEquals(const std::string& a, const std::string& b);

// Encrypts plaintext with AES-256-GCM under key32 and nonce12, authenticating
// `context` with it (additional data: what the value belongs to, e.g. its
// row and purpose; not stored), and stores nonce || ciphertext || tag in
// *sealed; a nonce must never be reused with the same key.
Status Seal(const std::string& key32, const std::string& plaintext,
            const std::string& context, const std::string& nonce12,
            std::string* sealed);

// Reverses Seal: checks the tag and stores the plaintext in *plaintext, or
// returns InvalidInput when sealed was altered, truncated, sealed under
// another key or under another `context` (moved to another row or purpose).
Status Open(const std::string& key32, const std::string& sealed,
            const std::string& context, std::string* plaintext);

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_CRYPTO_H_
