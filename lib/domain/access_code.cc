#include "domain/access_code.h"

#include <unicode/utf8.h>

#include <cstdint>

#include "base/crypto.h"

namespace passwd {
namespace {

// 250 is the largest multiple of 10 that fits in a byte: a byte below it,
// taken modulo 10, gives each digit with probability exactly 25/250.
constexpr unsigned kRejectFrom = 250;
// Bytes requested per draw; 10 digits need about 10.3 bytes on average.
constexpr size_t kBatchBytes = 16;
// 64 batches are 1024 bytes, of which a working source gets fewer than 10
// accepted with a probability below 2^-5000: reaching it means a broken
// source.
constexpr int kMaxBatches = 64;
// A pasted code with generous spacing is far below this.
constexpr size_t kMaxInputBytes = 256;

bool IsSpace(UChar32 c) {
  return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x3000;
}

// '-', full-width －, the long vowel mark ー and its half-width ｰ (what a
// Japanese IME types for '-'), hyphen, non-breaking hyphen, en dash, minus.
bool IsHyphen(UChar32 c) {
  return c == '-' || c == 0xFF0D || c == 0x30FC || c == 0xFF70 || c == 0x2010 ||
         c == 0x2011 || c == 0x2013 || c == 0x2212;
}

// The value of a half- or full-width decimal digit, or -1.
int DigitValue(UChar32 c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 0xFF10 && c <= 0xFF19) return c - 0xFF10;
  return -1;
}

}  // namespace

Status GenerateAccessCode(const RandomByteSource& random_bytes,
                          std::string* code) {
  std::string digits;
  digits.reserve(kAccessCodeDigits);
  for (int batch = 0; batch < kMaxBatches; ++batch) {
    std::string bytes;
    Status status = random_bytes(kBatchBytes, &bytes);
    if (!status.ok()) return status;
    if (bytes.size() != kBatchBytes) {
      return Status::Internal("random source returned a short read");
    }
    for (unsigned char b : bytes) {
      if (b >= kRejectFrom) continue;
      digits.push_back(static_cast<char>('0' + b % 10));
      if (digits.size() == kAccessCodeDigits) {
        code->swap(digits);
        return Status::Ok();
      }
    }
  }
  return Status::Internal("random source yields only rejected bytes");
}

Status NormalizeCodeInput(const std::string& in, std::string* code) {
  if (in.size() > kMaxInputBytes) {
    return Status::InvalidInput("access code input too long");
  }
  const auto* p = reinterpret_cast<const uint8_t*>(in.data());
  const int32_t n = static_cast<int32_t>(in.size());
  std::string digits;
  bool hyphen_pending = false;  // a hyphen still waiting for a digit after it
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return Status::InvalidInput("access code is not valid UTF-8");
    if (IsSpace(c)) continue;
    if (IsHyphen(c)) {
      if (digits.empty()) {
        return Status::InvalidInput("access code starts with a hyphen");
      }
      hyphen_pending = true;
      continue;
    }
    int v = DigitValue(c);
    if (v < 0) {
      return Status::InvalidInput("access code holds a non-digit");
    }
    if (digits.size() == kAccessCodeDigits) {
      return Status::InvalidInput("access code has too many digits");
    }
    digits.push_back(static_cast<char>('0' + v));
    hyphen_pending = false;
  }
  if (hyphen_pending) {
    return Status::InvalidInput("access code ends with a hyphen");
  }
  if (digits.size() != kAccessCodeDigits) {
    return Status::InvalidInput("access code has too few digits");
  }
  code->swap(digits);
  return Status::Ok();
}

std::string AccessCodeHash(const std::string& server_key,
                           const std::string& code) {
  return HexEncode(HmacSha256(server_key, code));
}

bool AccessCodeMatches(const std::string& server_key, const std::string& code,
                       const std::string& stored_hash) {
  return ConstantTimeEquals(AccessCodeHash(server_key, code), stored_hash);
}

}  // namespace passwd
