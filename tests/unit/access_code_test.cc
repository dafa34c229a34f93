#include "domain/access_code.h"

#include <array>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "base/crypto.h"

namespace passwd {
namespace {

// A byte source that serves a fixed script of bytes in order and counts its
// calls; past the end of the script it serves fill_byte.
class ScriptedBytes {
 public:
  ScriptedBytes(std::vector<uint8_t> script, uint8_t fill_byte)
      : script_(std::move(script)), fill_byte_(fill_byte) {}

  Status operator()(size_t n, std::string* out) {
    ++calls_;
    out->clear();
    for (size_t i = 0; i < n; ++i) {
      out->push_back(static_cast<char>(next_ < script_.size() ? script_[next_++]
                                                              : fill_byte_));
    }
    return Status::Ok();
  }

  int calls() const { return calls_; }

 private:
  std::vector<uint8_t> script_;
  uint8_t fill_byte_;
  size_t next_ = 0;
  int calls_ = 0;
};

bool AllDigits(const std::string& s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

BOOST_AUTO_TEST_SUITE(access_code)

BOOST_AUTO_TEST_CASE(generation_skips_bytes_at_or_above_250) {
  struct Case {
    const char* name;
    std::vector<uint8_t> script;
    std::string code;
    int calls;
  };
  const std::vector<Case> cases = {
      {"no rejection", {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, "0123456789", 1},
      {"largest accepted byte and its neighbours",
       {249, 10, 99, 100, 239, 240, 248, 0, 19, 21},
       "9090908091",
       1},
      {"rejected bytes interleaved",
       {250, 0, 255, 9, 251, 10, 249, 252, 99, 100, 253, 123, 45, 67, 254, 89},
       "0909903579",
       1},
      {"a whole batch rejected, code from the next",
       {250, 251, 252, 253, 254, 255, 250, 251, 252, 253, 254, 255, 250,
        251, 252, 253, 1,   2,   3,   4,   5,   6,   7,   8,   9,   0},
       "1234567890",
       2},
      {"code straddles two batches",
       {255, 255, 255, 255, 255, 255, 255, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0},
       "1234567890",
       2},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      ScriptedBytes source(c.script, 255);
      std::string code;
      Status s = GenerateAccessCode(std::ref(source), &code);
      BOOST_TEST(s.ok(), s.ToString());
      BOOST_TEST(code == c.code);
      BOOST_TEST(source.calls() == c.calls);
    }
  }
}

BOOST_AUTO_TEST_CASE(generation_fails_on_a_broken_source) {
  std::string code = "untouched";

  ScriptedBytes only_rejected({}, 255);
  Status s = GenerateAccessCode(std::ref(only_rejected), &code);
  BOOST_TEST((s.code() == Status::Code::kInternal));
  BOOST_TEST(only_rejected.calls() <= 64);

  s = GenerateAccessCode(
      [](size_t, std::string*) { return Status::Internal("RAND_bytes"); },
      &code);
  BOOST_TEST((s.code() == Status::Code::kInternal));

  s = GenerateAccessCode(
      [](size_t n, std::string* out) {
        out->assign(n - 1, '\x01');
        return Status::Ok();
      },
      &code);
  BOOST_TEST((s.code() == Status::Code::kInternal));
  BOOST_TEST(code == "untouched");
}

BOOST_AUTO_TEST_CASE(generation_with_openssl_gives_ten_digits) {
  for (int i = 0; i < 1000; ++i) {
    std::string code;
    BOOST_REQUIRE(GenerateAccessCode(RandomBytes, &code).ok());
    BOOST_TEST_CONTEXT("code " << code) {
      BOOST_TEST(code.size() == kAccessCodeDigits);
      BOOST_TEST(AllDigits(code));
    }
  }
}

// Counts of each digit at each position over many codes.
struct DigitCounts {
  std::array<std::array<int, 10>, kAccessCodeDigits> at{};
  int codes = 0;
};

DigitCounts CountDigits(const std::function<std::string()>& next_code,
                        int codes) {
  DigitCounts counts;
  counts.codes = codes;
  for (int i = 0; i < codes; ++i) {
    std::string code = next_code();
    BOOST_REQUIRE(code.size() == kAccessCodeDigits);
    for (size_t pos = 0; pos < kAccessCodeDigits; ++pos) {
      ++counts.at[pos][code[pos] - '0'];
    }
  }
  return counts;
}

// Pearson's chi-square of all positions' digits together against a uniform
// distribution (9 degrees of freedom).
double ChiSquare(const DigitCounts& counts) {
  std::array<double, 10> totals{};
  for (const auto& position : counts.at) {
    for (int d = 0; d < 10; ++d) totals[d] += position[d];
  }
  const double expected = counts.codes * kAccessCodeDigits / 10.0;
  double chi2 = 0;
  for (double observed : totals) {
    chi2 += (observed - expected) * (observed - expected) / expected;
  }
  return chi2;
}

// P(chi-square with 9 degrees of freedom > 40) is about 7e-6.
constexpr double kChiSquareLimit = 40.0;
constexpr int kCodes = 100000;
// Expected count per digit and position is 10000 with a standard deviation
// of about 95; 500 is over 5 deviations.
constexpr int kCellTolerance = 500;

// Deterministic bytes from a seeded generator, so the test cannot flake.
RandomByteSource SeededBytes(uint32_t seed) {
  auto engine = std::make_shared<std::mt19937>(seed);
  return [engine](size_t n, std::string* out) {
    out->resize(n);
    for (char& c : *out) c = static_cast<char>((*engine)() & 0xff);
    return Status::Ok();
  };
}

BOOST_AUTO_TEST_CASE(every_digit_is_equally_likely_at_every_position) {
  RandomByteSource bytes = SeededBytes(20240615);
  DigitCounts counts = CountDigits(
      [&bytes] {
        std::string code;
        BOOST_REQUIRE(GenerateAccessCode(bytes, &code).ok());
        return code;
      },
      kCodes);
  const int expected = kCodes / 10;
  for (size_t pos = 0; pos < kAccessCodeDigits; ++pos) {
    for (int d = 0; d < 10; ++d) {
      BOOST_TEST_CONTEXT("position " << pos << ", digit " << d) {
        BOOST_TEST(counts.at[pos][d] >= expected - kCellTolerance);
        BOOST_TEST(counts.at[pos][d] <= expected + kCellTolerance);
      }
    }
  }
  BOOST_TEST_MESSAGE("chi2 " << ChiSquare(counts));
  BOOST_TEST(ChiSquare(counts) < kChiSquareLimit);
}

BOOST_AUTO_TEST_CASE(the_uniformity_check_catches_modulo_bias) {
  // The naive "byte % 10" makes 0 to 5 appear 26/256 of the time and 6 to 9
  // 25/256; the same check must fail it, or it proves nothing above.
  RandomByteSource bytes = SeededBytes(20240615);
  DigitCounts counts = CountDigits(
      [&bytes] {
        std::string raw;
        BOOST_REQUIRE(bytes(kAccessCodeDigits, &raw).ok());
        std::string code;
        for (unsigned char b : raw)
          code.push_back(static_cast<char>('0' + b % 10));
        return code;
      },
      kCodes);
  BOOST_TEST_MESSAGE("chi2 biased " << ChiSquare(counts));
  BOOST_TEST(ChiSquare(counts) > kChiSquareLimit);
}

BOOST_AUTO_TEST_CASE(code_input_accepts_widths_spaces_and_hyphens) {
  struct Case {
    std::string input;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"6780703530", "6780703530"},
      {"６７８０７０３５３０", "6780703530"},
      {"６７８０7035３０", "6780703530"},
      {" 6780703530 ", "6780703530"},
      {"\u30006780703530\u3000", "6780703530"},
      {"\t6780703530\t", "6780703530"},
      {"678 070 3530", "6780703530"},
      {"678\u3000070\u30003530", "6780703530"},
      {"67807-03530", "6780703530"},
      {"678-070-3530", "6780703530"},
      {"678－070－3530", "6780703530"},
      {"678ー070ー3530", "6780703530"},
      {"678ｰ070ｰ3530", "6780703530"},
      {"678‐070‐3530", "6780703530"},
      {"678−070−3530", "6780703530"},
      {"678 - 070 - 3530", "6780703530"},
      {"６７８０－７０３５３０", "6780703530"},
      {"0000000000", "0000000000"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("input \"" << c.input << "\"") {
      std::string code;
      Status s = NormalizeCodeInput(c.input, &code);
      BOOST_TEST(s.ok(), s.ToString());
      BOOST_TEST(code == c.code);
    }
  }
}

BOOST_AUTO_TEST_CASE(code_input_rejects_anything_else) {
  const std::vector<std::string> cases = {
      "",
      "   ",
      "678070353",    // 9 digits
      "67807035301",  // 11 digits
      "678070353a",
      "６７８０７０３５３Ａ",
      "-6780703530",
      "6780703530-",
      "678_070_3530",
      "678.070.3530",
      "678/070/3530",
      "6780703530\xff",
      "67807\xe3\x81",  // truncated
      "678\xc0\xad"
      "0703530",  // overlong '-'
      std::string("67807\0"
                  "03530",
                  11),
      "٦٧٨٠٧٠٣٥٣٠",  // Arabic-Indic digits
      std::string(300, ' ') + "6780703530",
  };
  for (const std::string& input : cases) {
    BOOST_TEST_CONTEXT("input \"" << input << "\"") {
      std::string code = "untouched";
      Status s = NormalizeCodeInput(input, &code);
      BOOST_TEST((s.code() == Status::Code::kInvalidInput));
      BOOST_TEST(code == "untouched");
    }
  }
}

BOOST_AUTO_TEST_CASE(hash_is_hex_hmac_sha256_under_the_server_key) {
  struct Case {
    std::string key;
    std::string code;
    const char* hash;
  };
  // Expected values from `printf %s CODE | openssl dgst -sha256 -hmac KEY`.
  const std::vector<Case> cases = {
      {"server-secret", "6780703530",
       "fc89885b2662f38a5957753ff92353596173d46485ac935ce2c79a4677a07dca"},
      {"other-secret", "6780703530",
       "ce9fdc877f0c5d3e539707881ea5acbf64ee3bab869bbe4409a79ace711b0821"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("key " << c.key) {
      BOOST_TEST(AccessCodeHash(c.key, c.code) == c.hash);
      BOOST_TEST(AccessCodeMatches(c.key, c.code, c.hash));
      BOOST_TEST(!AccessCodeMatches(c.key, "6780703531", c.hash));
      BOOST_TEST(!AccessCodeMatches(c.key + "x", c.code, c.hash));
      BOOST_TEST(!AccessCodeMatches(c.key, c.code, ""));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
