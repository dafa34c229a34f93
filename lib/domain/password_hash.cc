#include "domain/password_hash.h"

#include <crypt.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace passwd {

namespace {

constexpr std::string_view kScryptPrefix = "$scrypt$";

// The random bytes crypt_gensalt_rn needs for the full 16-character
// SHA-512-crypt salt (fewer bytes give a shorter salt).
constexpr size_t kMinHtpasswdSaltBytes = 16;

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64EncodeUnpadded(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) |
                       (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                       static_cast<uint8_t>(bytes[i + 2]);
    out += kBase64Alphabet[(v >> 18) & 63];
    out += kBase64Alphabet[(v >> 12) & 63];
    out += kBase64Alphabet[(v >> 6) & 63];
    out += kBase64Alphabet[v & 63];
  }
  const size_t rest = bytes.size() - i;
  if (rest == 1) {
    const uint32_t v = static_cast<uint8_t>(bytes[i]) << 16;
    out += kBase64Alphabet[(v >> 18) & 63];
    out += kBase64Alphabet[(v >> 12) & 63];
  } else if (rest == 2) {
    const uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) |
                       (static_cast<uint8_t>(bytes[i + 1]) << 8);
    out += kBase64Alphabet[(v >> 18) & 63];
    out += kBase64Alphabet[(v >> 12) & 63];
    out += kBase64Alphabet[(v >> 6) & 63];
  }
  return out;
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Decodes unpadded base64, refusing any other character, an impossible
// length and non-zero leftover bits, so each byte string has one spelling.
bool Base64DecodeUnpadded(std::string_view text, std::string* bytes) {
  if (text.size() % 4 == 1) return false;
  bytes->clear();
  uint32_t bits = 0;
  int bit_count = 0;
  for (char c : text) {
    const int value = Base64Value(c);
    if (value < 0) return false;
    bits = (bits << 6) | static_cast<uint32_t>(value);
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      bytes->push_back(static_cast<char>((bits >> bit_count) & 0xFF));
    }
  }
  return (bits & ((1u << bit_count) - 1)) == 0;
}

// Reads a decimal number of 1 to 3 digits without a leading zero from the
// front of `*text`, consuming it.
bool ConsumeSmallNumber(std::string_view* text, int* value) {
  size_t digits = 0;
  while (digits < text->size() && (*text)[digits] >= '0' &&
         (*text)[digits] <= '9') {
    ++digits;
  }
  if (digits == 0 || digits > 3 || (digits > 1 && (*text)[0] == '0')) {
    return false;
  }
  *value = 0;
  for (size_t i = 0; i < digits; ++i) *value = *value * 10 + ((*text)[i] - '0');
  text->remove_prefix(digits);
  return true;
}

bool ConsumePrefix(std::string_view* text, std::string_view prefix) {
  if (text->substr(0, prefix.size()) != prefix) return false;
  text->remove_prefix(prefix.size());
  return true;
}

// A stored hash string taken apart.
struct ParsedHash {
  ScryptParams params;
  std::string salt;
  std::string hash;
};

bool ParseEncoded(std::string_view text, ParsedHash* parsed) {
  if (!ConsumePrefix(&text, kScryptPrefix) || !ConsumePrefix(&text, "ln=") ||
      !ConsumeSmallNumber(&text, &parsed->params.log2_n) ||
      !ConsumePrefix(&text, ",r=") ||
      !ConsumeSmallNumber(&text, &parsed->params.r) ||
      !ConsumePrefix(&text, ",p=") ||
      !ConsumeSmallNumber(&text, &parsed->params.p) ||
      !ConsumePrefix(&text, "$")) {
    return false;
  }
  const size_t separator = text.find('$');
  if (separator == std::string_view::npos) return false;
  return ScryptParamsRunnable(parsed->params) &&
         Base64DecodeUnpadded(text.substr(0, separator), &parsed->salt) &&
         parsed->salt.size() == kScryptSaltLength &&
         Base64DecodeUnpadded(text.substr(separator + 1), &parsed->hash) &&
         parsed->hash.size() == kScryptHashLength;
}

struct KdfDeleter {
  void operator()(EVP_KDF* kdf) const { EVP_KDF_free(kdf); }
};
struct KdfCtxDeleter {
  void operator()(EVP_KDF_CTX* ctx) const { EVP_KDF_CTX_free(ctx); }
};

// Derives kScryptHashLength bytes into `*out`; `params` must be in bounds.
Status DeriveScrypt(const std::string& password, const std::string& salt,
                    const ScryptParams& params, std::string* out) {
  std::unique_ptr<EVP_KDF, KdfDeleter> kdf(
      EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_SCRYPT, nullptr));
  if (kdf == nullptr) return Status::Internal("scrypt KDF unavailable");
  std::unique_ptr<EVP_KDF_CTX, KdfCtxDeleter> ctx(EVP_KDF_CTX_new(kdf.get()));
  if (ctx == nullptr) return Status::Internal("cannot create scrypt context");

  uint64_t n = uint64_t{1} << params.log2_n;
  uint32_t r = static_cast<uint32_t>(params.r);
  uint32_t p = static_cast<uint32_t>(params.p);
  // OpenSSL refuses anything above its 32 MiB default cap, which N=2^15,
  // r=8 just exceeds; ask for exactly what scrypt needs (its V and B arrays).
  uint64_t maxmem = 128 * uint64_t{r} * (n + 2) + 128 * uint64_t{r} * p;
  // OSSL_PARAM wants non-const pointers but only reads the inputs.
  char* password_data = const_cast<char*>(password.data());
  char* salt_data = const_cast<char*>(salt.data());
  const OSSL_PARAM ossl_params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, password_data,
                                        password.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt_data,
                                        salt.size()),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
      OSSL_PARAM_construct_end(),
  };
  out->assign(kScryptHashLength, '\0');
  if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(&(*out)[0]),
                     out->size(), ossl_params) != 1) {
    out->clear();
    return Status::Internal("scrypt derivation failed");
  }
  return Status::Ok();
}

}  // namespace

Status HashPassword(const std::string& password, const std::string& salt,
                    const ScryptParams& params, std::string* encoded) {
  if (salt.size() != kScryptSaltLength) {
    return Status::InvalidInput("scrypt salt must be 16 bytes");
  }
  if (!ScryptParamsRunnable(params)) {
    return Status::InvalidInput("scrypt parameters out of bounds");
  }
  std::string hash;
  Status s = DeriveScrypt(password, salt, params, &hash);
  if (!s.ok()) return s;
  *encoded =
      std::string(kScryptPrefix) + "ln=" + std::to_string(params.log2_n) +
      ",r=" + std::to_string(params.r) + ",p=" + std::to_string(params.p) +
      "$" + Base64EncodeUnpadded(salt) + "$" + Base64EncodeUnpadded(hash);
  return Status::Ok();
}

Status VerifyPassword(const std::string& password, const std::string& encoded,
                      bool* match) {
  *match = false;
  ParsedHash parsed;
  if (!ParseEncoded(encoded, &parsed)) {
    return Status::InvalidInput("malformed scrypt hash string");
  }
  std::string hash;
  Status s = DeriveScrypt(password, parsed.salt, parsed.params, &hash);
  if (!s.ok()) return s;
  *match = CRYPTO_memcmp(hash.data(), parsed.hash.data(), hash.size()) == 0;
  return Status::Ok();
}

bool NeedsRehash(const std::string& encoded, const ScryptParams& current) {
  ParsedHash parsed;
  if (!ParseEncoded(encoded, &parsed)) return true;
  return parsed.params.log2_n != current.log2_n ||
         parsed.params.r != current.r || parsed.params.p != current.p;
}

Status Sha512CryptHash(const std::string& password,
                       const std::string& salt_bytes, unsigned long rounds,
                       std::string* out) {
  if (salt_bytes.size() < kMinHtpasswdSaltBytes) {
    return Status::InvalidInput("htpasswd salt needs at least 16 bytes");
  }
  // crypt(3) reads a C string: a NUL would silently cut the password short.
  if (password.find('\0') != std::string::npos) {
    return Status::InvalidInput("password holds a NUL byte");
  }
  if (rounds != 0 && (rounds < 1000 || rounds > 999999999)) {
    return Status::InvalidInput("SHA-512-crypt rounds out of range");
  }
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  if (crypt_gensalt_rn("$6$", rounds, salt_bytes.data(),
                       static_cast<int>(salt_bytes.size()), setting,
                       sizeof(setting)) == nullptr) {
    return Status::Internal("crypt_gensalt_rn failed for SHA-512-crypt");
  }
  // struct crypt_data is about 32 KiB: too big for a FastCGI worker's stack.
  auto data = std::make_unique<crypt_data>();
  const char* hashed = crypt_r(password.c_str(), setting, data.get());
  if (hashed == nullptr || std::strncmp(hashed, "$6$", 3) != 0) {
    return Status::Internal("crypt_r failed for SHA-512-crypt");
  }
  out->assign(hashed);
  return Status::Ok();
}

}  // namespace passwd
