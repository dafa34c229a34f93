#include "domain/password_hash.h"

#include <crypt.h>

#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace passwd {
namespace {

// Cheap parameters for tests that do not care about cost.
const ScryptParams kCheap = {10, 8, 1};

std::string Bytes(int first, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += static_cast<char>(first + i);
  return out;
}

// Verifies `password` against `hashed` with crypt_r, as crypt(3) users and
// `htpasswd -v` do.
bool CryptVerifies(const std::string& password, const std::string& hashed) {
  auto data = std::make_unique<crypt_data>();
  const char* result = crypt_r(password.c_str(), hashed.c_str(), data.get());
  return result != nullptr && hashed == result;
}

BOOST_AUTO_TEST_SUITE(password_hash)

// Expected strings computed independently with Python's hashlib.scrypt.
BOOST_AUTO_TEST_CASE(known_answers) {
  struct KnownAnswer {
    std::string password;
    std::string salt;
    ScryptParams params;
    std::string encoded;
  };
  const std::vector<KnownAnswer> cases = {
      {"correct horse",
       Bytes(0, 16),
       {10, 8, 1},
       "$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$"
       "nfkj3u1fRTHCea+fVr03sWV770kp5wLOLoEakziKhqE"},
      {"",
       Bytes(0, 16),
       {10, 8, 1},
       "$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$"
       "aXxV+SdCr+1ofX/yO9ssZIXk0slZ7Pwg0vrrut6MuZw"},
      {"Xk9#mPq2",
       Bytes(0xf0, 16),
       {11, 4, 2},
       "$scrypt$ln=11,r=4,p=2$8PHy8/T19vf4+fr7/P3+/w$"
       "SIZgZ0uxVSOaE3F3AlIWSZouCFTowPSLg+l1INtFoo0"},
      {"パスワードXk9",
       "saltsaltsaltsalt",
       {10, 1, 1},
       "$scrypt$ln=10,r=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
       "LPn36vLKIJM5unOWs4mVValNbsHvOE3azw7fYBVqV1g"},
      // The default, OWASP-equivalent parameters.
      {"pw", std::string(16, 's'), ScryptParams(),
       "$scrypt$ln=15,r=8,p=3$c3Nzc3Nzc3Nzc3Nzc3Nzcw$"
       "XOfccYSyS+NCY3D1nuh+GRpI2Rb7aQm2IgUdAIuecNY"},
  };
  for (const KnownAnswer& c : cases) {
    BOOST_TEST_CONTEXT("expected: " << c.encoded) {
      std::string encoded;
      const Status s = HashPassword(c.password, c.salt, c.params, &encoded);
      BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
      BOOST_TEST(encoded == c.encoded);
      bool match = false;
      BOOST_TEST(VerifyPassword(c.password, c.encoded, &match).ok());
      BOOST_TEST(match);
      BOOST_TEST(VerifyPassword(c.password + "x", c.encoded, &match).ok());
      BOOST_TEST(!match);
    }
  }
}

BOOST_AUTO_TEST_CASE(round_trip_with_default_parameters) {
  const ScryptParams current;
  BOOST_TEST(current.log2_n == 15);
  BOOST_TEST(current.r == 8);
  BOOST_TEST(current.p == 3);
  std::string encoded;
  const Status s = HashPassword("Xk9#mPq2", Bytes(0x41, 16), current, &encoded);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  BOOST_TEST(encoded.rfind("$scrypt$ln=15,r=8,p=3$", 0) == 0u);
  BOOST_TEST(encoded.find("Xk9#mPq2") == std::string::npos);
  BOOST_TEST(!NeedsRehash(encoded, current));

  struct Attempt {
    std::string password;
    bool match;
  };
  const std::vector<Attempt> attempts = {
      {"Xk9#mPq2", true},   {"xk9#mPq2", false}, {"Xk9#mPq", false},
      {"Xk9#mPq2 ", false}, {"", false},
  };
  for (const Attempt& a : attempts) {
    BOOST_TEST_CONTEXT("password: " << a.password) {
      bool match = !a.match;
      const Status vs = VerifyPassword(a.password, encoded, &match);
      BOOST_TEST(vs.ok(), vs.ToString());
      BOOST_TEST(match == a.match);
    }
  }
}

BOOST_AUTO_TEST_CASE(different_salts_give_different_hashes) {
  std::string a;
  std::string b;
  BOOST_REQUIRE(HashPassword("Xk9#mPq2", Bytes(0, 16), kCheap, &a).ok());
  BOOST_REQUIRE(HashPassword("Xk9#mPq2", Bytes(1, 16), kCheap, &b).ok());
  BOOST_TEST(a != b);
}

BOOST_AUTO_TEST_CASE(older_parameters_still_verify_and_need_rehash) {
  const ScryptParams current;
  struct OldCase {
    ScryptParams params;
  };
  const std::vector<OldCase> cases = {
      {{10, 8, 1}},
      {{14, 8, 1}},
      {{15, 8, 1}},
      {{15, 4, 3}},
  };
  for (const OldCase& c : cases) {
    BOOST_TEST_CONTEXT("ln=" << c.params.log2_n << ",r=" << c.params.r
                             << ",p=" << c.params.p) {
      std::string encoded;
      BOOST_REQUIRE(
          HashPassword("Xk9#mPq2", Bytes(7, 16), c.params, &encoded).ok());
      bool match = false;
      BOOST_TEST(VerifyPassword("Xk9#mPq2", encoded, &match).ok());
      BOOST_TEST(match);
      BOOST_TEST(NeedsRehash(encoded, current));
      BOOST_TEST(!NeedsRehash(encoded, c.params));
    }
  }
}

BOOST_AUTO_TEST_CASE(malformed_strings_are_rejected) {
  const std::string salt = "AAECAwQFBgcICQoLDA0ODw";
  const std::string hash = "nfkj3u1fRTHCea+fVr03sWV770kp5wLOLoEakziKhqE";
  const std::string tail = "$" + salt + "$" + hash;
  struct Malformed {
    std::string name;
    std::string encoded;
  };
  const std::vector<Malformed> cases = {
      {"empty", ""},
      {"prefix only", "$scrypt$"},
      {"other scheme", "$2b$ln=10,r=8,p=1" + tail},
      {"sha-512-crypt", "$6$abcdefgh$" + hash},
      {"upper-case scheme", "$SCRYPT$ln=10,r=8,p=1" + tail},
      {"leading zero", "$scrypt$ln=010,r=8,p=1" + tail},
      {"negative", "$scrypt$ln=-10,r=8,p=1" + tail},
      {"space in parameters", "$scrypt$ln= 10,r=8,p=1" + tail},
      {"parameters reordered", "$scrypt$r=8,ln=10,p=1" + tail},
      {"parameter missing", "$scrypt$ln=10,r=8" + tail},
      {"extra parameter", "$scrypt$ln=10,r=8,p=1,x=1" + tail},
      {"huge number", "$scrypt$ln=99999999999,r=8,p=1" + tail},
      {"ln below bound", "$scrypt$ln=9,r=8,p=1" + tail},
      {"ln above bound", "$scrypt$ln=21,r=8,p=1" + tail},
      {"ln far above bound", "$scrypt$ln=64,r=8,p=1" + tail},
      {"r zero", "$scrypt$ln=10,r=0,p=1" + tail},
      {"p zero", "$scrypt$ln=10,r=8,p=0" + tail},
      {"r above bound", "$scrypt$ln=10,r=33,p=1" + tail},
      {"p above bound", "$scrypt$ln=10,r=8,p=17" + tail},
      {"memory above bound", "$scrypt$ln=20,r=8,p=1" + tail},
      {"work above bound", "$scrypt$ln=18,r=8,p=4" + tail},
      {"no hash", "$scrypt$ln=10,r=8,p=1$" + salt},
      {"empty hash", "$scrypt$ln=10,r=8,p=1$" + salt + "$"},
      {"empty salt", "$scrypt$ln=10,r=8,p=1$$" + hash},
      {"extra field", "$scrypt$ln=10,r=8,p=1" + tail + "$x"},
      {"trailing newline", "$scrypt$ln=10,r=8,p=1" + tail + "\n"},
      {"padded salt", "$scrypt$ln=10,r=8,p=1$" + salt + "==$" + hash},
      {"padded hash", "$scrypt$ln=10,r=8,p=1$" + salt + "$" + hash + "="},
      {"short salt", "$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0O$" + hash},
      {"short hash",
       "$scrypt$ln=10,r=8,p=1$" + salt + "$" + hash.substr(0, 42)},
      {"long hash", "$scrypt$ln=10,r=8,p=1$" + salt + "$" + hash + "AA"},
      {"bad character",
       "$scrypt$ln=10,r=8,p=1$" + salt + "$" + hash.substr(0, 42) + "*"},
      {"url-safe alphabet", "$scrypt$ln=10,r=8,p=1$" + salt + "$" +
                                "nfkj3u1fRTHCea-fVr03sWV770kp5wLOLoEakziKhqE"},
      {"non-canonical last character",
       "$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODx$" + hash},
  };
  for (const Malformed& c : cases) {
    BOOST_TEST_CONTEXT("case: " << c.name) {
      bool match = true;
      BOOST_TEST(!VerifyPassword("correct horse", c.encoded, &match).ok());
      BOOST_TEST(!match);
      BOOST_TEST(NeedsRehash(c.encoded, ScryptParams()));
    }
  }
  // The well-formed string the cases are built from does verify.
  bool match = false;
  BOOST_TEST(
      VerifyPassword("correct horse", "$scrypt$ln=10,r=8,p=1" + tail, &match)
          .ok());
  BOOST_TEST(match);
}

BOOST_AUTO_TEST_CASE(hash_password_rejects_bad_input) {
  struct BadInput {
    std::string name;
    std::string salt;
    ScryptParams params;
  };
  const std::vector<BadInput> cases = {
      {"empty salt", "", kCheap},
      {"15-byte salt", Bytes(0, 15), kCheap},
      {"17-byte salt", Bytes(0, 17), kCheap},
      {"ln too low", Bytes(0, 16), {9, 8, 1}},
      {"ln too high", Bytes(0, 16), {21, 8, 1}},
      {"r zero", Bytes(0, 16), {10, 0, 1}},
      {"p negative", Bytes(0, 16), {10, 8, -1}},
      {"memory too high", Bytes(0, 16), {19, 32, 1}},
  };
  for (const BadInput& c : cases) {
    BOOST_TEST_CONTEXT("case: " << c.name) {
      std::string encoded = "unchanged";
      const Status s = HashPassword("Xk9#mPq2", c.salt, c.params, &encoded);
      BOOST_TEST(!s.ok());
      BOOST_TEST((s.code() == Status::Code::kInvalidInput));
      BOOST_TEST(encoded == "unchanged");
    }
  }
}

BOOST_AUTO_TEST_CASE(htpasswd_hash_is_sha512_crypt) {
  struct HtpasswdCase {
    std::string password;
    std::string salt_bytes;
    std::string expected;  // Empty: only checked through crypt_r.
  };
  const std::vector<HtpasswdCase> cases = {
      // Cross-checked with `openssl passwd -6 -salt k2XAnEHBqQ1Ct2aM secret`.
      {"secret", "0123456789abcdef",
       "$6$k2XAnEHBqQ1Ct2aM$iHrwyiyKiHg2YYwyBUuMGKxA1KEcXtz5/1GeBzr0MS1P/"
       "uuE3hZ0bFaooxSWrUiR3AnSTuj.ImcGKhyGcmwS5."},
      {"Xk9#mPq2", Bytes(0, 16), ""},
      {"Xk9#mPq2", Bytes(0xf0, 16), ""},
      {"Xk9#mPq2", Bytes(0xf0, 20), ""},
      {"a!B2~}|{`_^]\\[@?>=<;:/.-,+*)('&%$\"", Bytes(0x80, 16), ""},
      {"", Bytes(3, 16), ""},
  };
  for (const HtpasswdCase& c : cases) {
    BOOST_TEST_CONTEXT("password: " << c.password) {
      std::string hashed;
      const Status s = Sha512CryptHash(c.password, c.salt_bytes, 0, &hashed);
      BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
      if (!c.expected.empty()) BOOST_TEST(hashed == c.expected);
      BOOST_TEST(hashed.rfind("$6$", 0) == 0u);
      // "$6$" + 16 salt characters + "$" + 86 hash characters.
      BOOST_TEST(hashed.size() == 3u + 16u + 1u + 86u);
      BOOST_TEST(CryptVerifies(c.password, hashed));
      BOOST_TEST(!CryptVerifies(c.password + "x", hashed));
      std::string again;
      BOOST_TEST(Sha512CryptHash(c.password, c.salt_bytes, 0, &again).ok());
      BOOST_TEST(again == hashed);
    }
  }
}

BOOST_AUTO_TEST_CASE(htpasswd_hash_rejects_bad_input) {
  std::string hashed = "unchanged";
  BOOST_TEST(!Sha512CryptHash("secret", Bytes(0, 15), 0, &hashed).ok());
  BOOST_TEST(
      !Sha512CryptHash(std::string("sec\0ret", 7), Bytes(0, 16), 0, &hashed).ok());
  BOOST_TEST(!Sha512CryptHash("secret", Bytes(0, 16), 999, &hashed).ok());
  BOOST_TEST(hashed == "unchanged");
}

BOOST_AUTO_TEST_CASE(sha512_crypt_takes_its_rounds) {
  std::string hashed;
  const Status s = Sha512CryptHash("secret", "0123456789abcdef", 100000, &hashed);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  // Cross-checked with
  // `openssl passwd -6 -salt 'rounds=100000$k2XAnEHBqQ1Ct2aM' secret`.
  BOOST_TEST(hashed ==
             "$6$rounds=100000$k2XAnEHBqQ1Ct2aM$VnIfpq7clq9B/qKjzkwF2ofprcnyTbSS"
             "5XNyK.kVhTMVCZWAdlzWisQiWM32O3yoO1EYwXuYMgfWN3YpE5L1B1");
  BOOST_TEST(CryptVerifies("secret", hashed));
  BOOST_TEST(!CryptVerifies("secreT", hashed));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
