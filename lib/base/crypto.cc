#include "base/crypto.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <pthread.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace passwd {
namespace {

struct CipherCtxDeleter {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

const unsigned char* Bytes(const std::string& s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

unsigned char* MutableBytes(std::string* s) {
  return reinterpret_cast<unsigned char*>(&(*s)[0]);
}

constexpr char kBase64UrlAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The value of a base64url character, or -1 for any other byte.
int Base64UrlValue(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

// The value of a hexadecimal digit, or -1 for any other byte.
int HexValue(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void Wipe(std::string* s) {
  if (!s->empty()) OPENSSL_cleanse(&(*s)[0], s->size());
  s->clear();
}

namespace {

// A thread's block of random bytes from RAND_bytes, handed out once each and
// wiped as they go. Written by hand because OpenSSL has no cheaper call:
// each RAND_bytes costs a getpid() system call (the DRBG's fork check) and
// a lock, which on a page's hot path (a CSRF cookie on every first visit,
// a flow's token) cost more than the bytes; on the development VM a tenth
// of a form page's CPU. A block serves some thirty such requests.
class RandomBlock {
 public:
  static constexpr size_t kSize = 1024;

  ~RandomBlock() { Discard(); }

  // Takes n <= kSize bytes, refilling the block first when it has fewer.
  bool Take(size_t n, unsigned char* out) {
    if (kSize - used_ < n) {
      if (RAND_bytes(bytes_, static_cast<int>(kSize)) != 1) return false;
      used_ = 0;
    }
    std::copy_n(bytes_ + used_, n, out);
    OPENSSL_cleanse(bytes_ + used_, n);
    used_ += n;
    return true;
  }

  // Wipes what is left, so the next Take draws anew.
  void Discard() {
    OPENSSL_cleanse(bytes_ + used_, kSize - used_);
    used_ = kSize;
  }

 private:
  unsigned char bytes_[kSize];
  size_t used_ = kSize;
};

thread_local RandomBlock random_block;

// A forked child must never hand out the bytes its parent will: its one
// thread (the forking one's copy) drops the block it inherited.
void DiscardRandomBlockInChild() { random_block.Discard(); }

const bool kRandomBlockForkHandler =
    pthread_atfork(nullptr, nullptr, DiscardRandomBlockInChild) == 0;

}  // namespace

Status RandomBytes(size_t n, std::string* out) {
  if (n > static_cast<size_t>(INT_MAX)) {
    return Status::InvalidInput("RandomBytes: request too large");
  }
  std::string buf(n, '\0');
  bool drawn = true;
  if (n > RandomBlock::kSize || !kRandomBlockForkHandler) {
    drawn = n == 0 || RAND_bytes(MutableBytes(&buf), static_cast<int>(n)) == 1;
  } else if (n > 0) {
    drawn = random_block.Take(n, MutableBytes(&buf));
  }
  if (!drawn) return Status::Internal("RAND_bytes failed");
  out->swap(buf);
  return Status::Ok();
}

namespace {

struct MacCtxDeleter {
  void operator()(EVP_MAC_CTX* ctx) const { EVP_MAC_CTX_free(ctx); }
};

// A thread's HMAC-SHA256 context: fetched from the provider once, where
// the one-shot HMAC() fetches the algorithm and the digest (each under the
// store's lock) on every call, several times a request. Null if OpenSSL
// could not make it.
EVP_MAC_CTX* ThreadHmacSha256() {
  thread_local std::unique_ptr<EVP_MAC_CTX, MacCtxDeleter> ctx = [] {
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    EVP_MAC_CTX* made = mac ? EVP_MAC_CTX_new(mac) : nullptr;
    EVP_MAC_free(mac);  // the context keeps its own reference
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end()};
    if (made && EVP_MAC_CTX_set_params(made, params) != 1) {
      EVP_MAC_CTX_free(made);
      made = nullptr;
    }
    return std::unique_ptr<EVP_MAC_CTX, MacCtxDeleter>(made);
  }();
  return ctx.get();
}

}  // namespace

std::string HmacSha256(const std::string& key, const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  size_t md_len = 0;
  // A zero-length key still needs a non-null pointer: EVP_MAC_init keeps
  // the previous key when given none.
  static const unsigned char kEmpty = 0;
  const unsigned char* key_ptr = key.empty() ? &kEmpty : Bytes(key);
  EVP_MAC_CTX* ctx = ThreadHmacSha256();
  if (ctx == nullptr || EVP_MAC_init(ctx, key_ptr, key.size(), nullptr) != 1 ||
      EVP_MAC_update(ctx, Bytes(data), data.size()) != 1 ||
      EVP_MAC_final(ctx, md, &md_len, sizeof(md)) != 1 ||
      md_len != kSha256Size) {
    std::abort();
  }
  return std::string(reinterpret_cast<const char*>(md), md_len);
}

std::string Sha256(const std::string& data) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  if (SHA256(Bytes(data), data.size(), md) == nullptr) std::abort();
  return std::string(reinterpret_cast<const char*>(md), sizeof(md));
}

Status HkdfSha256(const std::string& key, const std::string& salt,
                  const std::string& info, size_t length, std::string* out) {
  out->clear();
  if (key.empty()) return Status::InvalidInput("HKDF needs a non-empty key");
  if (length == 0 || length > 255 * kSha256Size) {
    return Status::InvalidInput("HKDF output length out of range");
  }
  EVP_KDF* kdf = EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_HKDF, nullptr);
  if (kdf == nullptr) return Status::Internal("HKDF unavailable");
  EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
  EVP_KDF_free(kdf);
  if (ctx == nullptr) return Status::Internal("cannot create HKDF context");
  char digest[] = "SHA256";
  // OSSL_PARAM wants non-const pointers but only reads the inputs.
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_octet_string(
          OSSL_KDF_PARAM_KEY, const_cast<char*>(key.data()), key.size()),
      OSSL_PARAM_construct_octet_string(
          OSSL_KDF_PARAM_SALT, const_cast<char*>(salt.data()), salt.size()),
      OSSL_PARAM_construct_octet_string(
          OSSL_KDF_PARAM_INFO, const_cast<char*>(info.data()), info.size()),
      OSSL_PARAM_construct_end(),
  };
  out->assign(length, '\0');
  const bool ok =
      EVP_KDF_derive(ctx, MutableBytes(out), out->size(), params) == 1;
  EVP_KDF_CTX_free(ctx);
  if (!ok) {
    out->clear();
    return Status::Internal("HKDF derivation failed");
  }
  return Status::Ok();
}

std::string HexEncode(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    hex.push_back(kDigits[c >> 4]);
    hex.push_back(kDigits[c & 0x0f]);
  }
  return hex;
}

std::string StoredTokenHash(const std::string& token) {
  return HexEncode(Sha256(token));
}

Status HexDecode(const std::string& hex, std::string* bytes) {
  if (hex.size() % 2 != 0) {
    return Status::InvalidInput("hex text has an odd length");
  }
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = HexValue(static_cast<unsigned char>(hex[i]));
    int lo = HexValue(static_cast<unsigned char>(hex[i + 1]));
    if (hi < 0 || lo < 0) {
      return Status::InvalidInput("hex text has a non-hex character");
    }
    out.push_back(static_cast<char>((hi << 4) | lo));
  }
  bytes->swap(out);
  return Status::Ok();
}

std::string Base64UrlEncode(const std::string& bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kBase64UrlAlphabet[(v >> 18) & 0x3f]);
    out.push_back(kBase64UrlAlphabet[(v >> 12) & 0x3f]);
    out.push_back(kBase64UrlAlphabet[(v >> 6) & 0x3f]);
    out.push_back(kBase64UrlAlphabet[v & 0x3f]);
  }
  size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    out.push_back(kBase64UrlAlphabet[(v >> 18) & 0x3f]);
    out.push_back(kBase64UrlAlphabet[(v >> 12) & 0x3f]);
  } else if (rest == 2) {
    uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out.push_back(kBase64UrlAlphabet[(v >> 18) & 0x3f]);
    out.push_back(kBase64UrlAlphabet[(v >> 12) & 0x3f]);
    out.push_back(kBase64UrlAlphabet[(v >> 6) & 0x3f]);
  }
  return out;
}

Status Base64UrlDecode(const std::string& text, std::string* bytes) {
  if (text.size() % 4 == 1) {
    return Status::InvalidInput("base64url text has an impossible length");
  }
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : text) {
    int v = Base64UrlValue(c);
    if (v < 0) {
      return Status::InvalidInput("base64url text has a foreign character");
    }
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  // The unused low bits of the last character must be zero, so that every
  // byte string has exactly one encoding (a token cannot be re-spelt).
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) {
    return Status::InvalidInput("base64url text has a non-canonical tail");
  }
  bytes->swap(out);
  return Status::Ok();
}

bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Status Seal(const std::string& key32, const std::string& plaintext,
            const std::string& context, const std::string& nonce12,
            std::string* sealed) {
  if (key32.size() != kAeadKeySize) {
    return Status::Internal("Seal: the key is not 32 bytes");
  }
  if (nonce12.size() != kAeadNonceSize) {
    return Status::Internal("Seal: the nonce is not 12 bytes");
  }
  if (plaintext.size() > static_cast<size_t>(INT_MAX) - 64 ||
      context.size() > static_cast<size_t>(INT_MAX)) {
    return Status::InvalidInput("Seal: plaintext or context too large");
  }
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx) return Status::Internal("EVP_CIPHER_CTX_new failed");

  std::string out(kAeadNonceSize + plaintext.size() + kAeadTagSize, '\0');
  out.replace(0, kAeadNonceSize, nonce12);
  unsigned char* body = MutableBytes(&out) + kAeadNonceSize;
  int len = 0;
  int total = 0;
  if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr,
                         nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN,
                          static_cast<int>(kAeadNonceSize), nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, Bytes(key32),
                         Bytes(nonce12)) != 1) {
    return Status::Internal("AES-GCM encrypt init failed");
  }
  // The context goes in as additional authenticated data: part of the tag,
  // not of the output.
  if (!context.empty() &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, Bytes(context),
                        static_cast<int>(context.size())) != 1) {
    return Status::Internal("AES-GCM additional data failed");
  }
  if (!plaintext.empty()) {
    if (EVP_EncryptUpdate(ctx.get(), body, &len, Bytes(plaintext),
                          static_cast<int>(plaintext.size())) != 1) {
      return Status::Internal("AES-GCM encrypt failed");
    }
    total = len;
  }
  if (EVP_EncryptFinal_ex(ctx.get(), body + total, &len) != 1) {
    return Status::Internal("AES-GCM encrypt final failed");
  }
  total += len;
  if (static_cast<size_t>(total) != plaintext.size() ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG,
                          static_cast<int>(kAeadTagSize), body + total) != 1) {
    return Status::Internal("AES-GCM tag failed");
  }
  sealed->swap(out);
  return Status::Ok();
}

Status Open(const std::string& key32, const std::string& sealed,
            const std::string& context, std::string* plaintext) {
  if (key32.size() != kAeadKeySize) {
    return Status::Internal("Open: the key is not 32 bytes");
  }
  if (sealed.size() < kAeadNonceSize + kAeadTagSize) {
    return Status::InvalidInput("sealed value too short");
  }
  if (sealed.size() > static_cast<size_t>(INT_MAX) ||
      context.size() > static_cast<size_t>(INT_MAX)) {
    return Status::InvalidInput("sealed value or context too large");
  }
  const size_t body_size = sealed.size() - kAeadNonceSize - kAeadTagSize;
  const unsigned char* nonce = Bytes(sealed);
  const unsigned char* body = nonce + kAeadNonceSize;
  // EVP_CTRL_GCM_SET_TAG takes a non-const pointer, hence the copy.
  unsigned char tag[kAeadTagSize];
  std::copy(body + body_size, body + body_size + kAeadTagSize, tag);

  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx) return Status::Internal("EVP_CIPHER_CTX_new failed");
  if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr,
                         nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN,
                          static_cast<int>(kAeadNonceSize), nullptr) != 1 ||
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, Bytes(key32), nonce) !=
          1) {
    return Status::Internal("AES-GCM decrypt init failed");
  }
  std::string out(body_size, '\0');
  int len = 0;
  int total = 0;
  if (!context.empty() &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, Bytes(context),
                        static_cast<int>(context.size())) != 1) {
    return Status::Internal("AES-GCM additional data failed");
  }
  if (body_size > 0) {
    if (EVP_DecryptUpdate(ctx.get(), MutableBytes(&out), &len, body,
                          static_cast<int>(body_size)) != 1) {
      OPENSSL_cleanse(MutableBytes(&out), out.size());
      return Status::Internal("AES-GCM decrypt failed");
    }
    total = len;
  }
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG,
                          static_cast<int>(kAeadTagSize), tag) != 1) {
    OPENSSL_cleanse(MutableBytes(&out), out.size());
    return Status::Internal("AES-GCM set tag failed");
  }
  if (EVP_DecryptFinal_ex(ctx.get(), MutableBytes(&out) + total, &len) != 1) {
    // Unauthenticated plaintext must not outlive the failed check.
    OPENSSL_cleanse(MutableBytes(&out), out.size());
    return Status::InvalidInput("sealed value failed authentication");
  }
  plaintext->swap(out);
  return Status::Ok();
}

}  // namespace passwd
