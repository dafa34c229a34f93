#include "base/crypto.h"

#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace passwd {
namespace {

std::string Unhex(const std::string& hex) {
  std::string bytes;
  BOOST_REQUIRE(HexDecode(hex, &bytes).ok());
  return bytes;
}

BOOST_AUTO_TEST_SUITE(crypto)

BOOST_AUTO_TEST_CASE(hmac_sha256_matches_rfc4231) {
  struct Case {
    const char* name;
    std::string key;
    std::string data;
    const char* hex_mac;
  };
  const std::vector<Case> cases = {
      {"RFC 4231 case 1", std::string(20, '\x0b'), "Hi There",
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {"RFC 4231 case 2", "Jefe", "what do ya want for nothing?",
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {"RFC 4231 case 3", std::string(20, '\xaa'), std::string(50, '\xdd'),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
      {"RFC 4231 case 6", std::string(131, '\xaa'),
       "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
      {"empty key and data", "", "",
       "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      std::string mac = HmacSha256(c.key, c.data);
      BOOST_TEST(mac.size() == kSha256Size);
      BOOST_TEST(HexEncode(mac) == c.hex_mac);
    }
  }
}

// Each thread keeps an HMAC context and sets the key of every call: threads
// at once, keys in turn (the empty one too), never a digest under another
// call's key.
BOOST_AUTO_TEST_CASE(hmac_sha256_keys_never_mix_across_calls_or_threads) {
  const std::string expected_jefe =
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  const std::string expected_empty =
      "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad";
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        if (HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")) !=
            expected_jefe) {
          ++wrong[t];
        }
        if (HexEncode(HmacSha256("", "")) != expected_empty) ++wrong[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  BOOST_TEST(wrong == std::vector<int>(4, 0));
}

BOOST_AUTO_TEST_CASE(sha256_matches_fips180_vectors) {
  struct Case {
    std::string data;
    const char* hex_digest;
  };
  const std::vector<Case> cases = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc",
       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("data \"" << c.data << "\"") {
      BOOST_TEST(HexEncode(Sha256(c.data)) == c.hex_digest);
    }
  }
}

BOOST_AUTO_TEST_CASE(tokens_are_stored_as_hex_sha256) {
  BOOST_TEST(
      StoredTokenHash("abc") ==
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

BOOST_AUTO_TEST_CASE(hex_round_trips_and_rejects_junk) {
  BOOST_TEST(HexEncode(std::string("\x00\x01\xab\xff", 4)) == "0001abff");
  BOOST_TEST(HexEncode("") == "");
  struct Case {
    const char* hex;
    bool ok;
    std::string bytes;
  };
  const std::vector<Case> cases = {
      {"", true, ""},
      {"0001abff", true, std::string("\x00\x01\xab\xff", 4)},
      {"ABFF", true, "\xab\xff"},
      {"abc", false, ""},   // odd length
      {"zz", false, ""},    // not hex
      {"0x12", false, ""},  // prefix
      {"12 3", false, ""},  // space
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("hex \"" << c.hex << "\"") {
      std::string bytes = "untouched";
      Status s = HexDecode(c.hex, &bytes);
      BOOST_TEST(s.ok() == c.ok);
      if (c.ok) {
        BOOST_TEST(bytes == c.bytes);
      } else {
        BOOST_TEST((s.code() == Status::Code::kInvalidInput));
        BOOST_TEST(bytes == "untouched");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(base64url_encodes_rfc4648_vectors_unpadded) {
  struct Case {
    std::string bytes;
    const char* text;
  };
  const std::vector<Case> cases = {
      {"", ""},
      {"f", "Zg"},
      {"fo", "Zm8"},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg"},
      {"fooba", "Zm9vYmE"},
      {"foobar", "Zm9vYmFy"},
      {"\xfb\xff", "-_8"},  // "+/8=" in the standard alphabet
      {std::string("\x00\x00\x00", 3), "AAAA"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("text \"" << c.text << "\"") {
      BOOST_TEST(Base64UrlEncode(c.bytes) == c.text);
      std::string decoded;
      BOOST_TEST(Base64UrlDecode(c.text, &decoded).ok());
      BOOST_TEST(decoded == c.bytes);
    }
  }
}

BOOST_AUTO_TEST_CASE(base64url_decode_rejects_non_canonical_text) {
  const std::vector<std::string> cases = {
      "Zg==",   // padding
      "Z",      // impossible length
      "Zh",     // non-zero unused bits ("Zg" is the only spelling of "f")
      "Zm9v+",  // standard alphabet
      "Zm/v",   // standard alphabet
      "Zm9 v",  // space
  };
  for (const std::string& text : cases) {
    BOOST_TEST_CONTEXT("text \"" << text << "\"") {
      std::string decoded;
      BOOST_TEST(!Base64UrlDecode(text, &decoded).ok());
    }
  }
}

BOOST_AUTO_TEST_CASE(constant_time_equals_compares_length_and_bytes) {
  struct Case {
    std::string a;
    std::string b;
    bool equal;
  };
  const std::vector<Case> cases = {
      {"", "", true},
      {"abc", "abc", true},
      {"abc", "abd", false},
      {"abc", "ab", false},
      {"ab", "abc", false},
      {"", "a", false},
      {std::string("a\0b", 3), std::string("a\0c", 3), false},
      {std::string("a\0b", 3), std::string("a\0b", 3), true},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("\"" << c.a << "\" vs \"" << c.b << "\"") {
      BOOST_TEST(ConstantTimeEquals(c.a, c.b) == c.equal);
    }
  }
}

BOOST_AUTO_TEST_CASE(random_bytes_gives_the_requested_length) {
  for (size_t n : {0, 1, 16, 32, 1000}) {
    BOOST_TEST_CONTEXT("n = " << n) {
      std::string bytes;
      BOOST_TEST(RandomBytes(n, &bytes).ok());
      BOOST_TEST(bytes.size() == n);
    }
  }
  std::string a;
  std::string b;
  BOOST_TEST(RandomBytes(32, &a).ok());
  BOOST_TEST(RandomBytes(32, &b).ok());
  BOOST_TEST(a != b);
}

// RandomBytes hands out a thread's block of RAND_bytes: every draw is new,
// across refills, beyond a block, in other threads and in a forked child.
BOOST_AUTO_TEST_CASE(random_bytes_are_never_handed_out_twice) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {  // some six blocks of 1,024 bytes
    std::string bytes;
    BOOST_REQUIRE(RandomBytes(i % 2 == 0 ? 32 : 31, &bytes).ok());
    BOOST_TEST(seen.insert(bytes).second, "draw " << i << " came again");
  }
  std::string large;
  BOOST_REQUIRE(RandomBytes(5000, &large).ok());
  BOOST_TEST(large.size() == 5000u);
  BOOST_TEST(large.substr(0, 32) != large.substr(32, 32));

  std::string in_thread;
  bool drawn = false;
  std::thread([&] { drawn = RandomBytes(32, &in_thread).ok(); }).join();
  BOOST_TEST(drawn);
  BOOST_TEST(in_thread.size() == 32u);
  BOOST_TEST(!seen.count(in_thread));
}

BOOST_AUTO_TEST_CASE(a_forked_child_never_draws_its_parents_bytes) {
  std::string primed;
  BOOST_REQUIRE(RandomBytes(32, &primed).ok());  // the block is filled
  int pipe_fds[2];
  BOOST_REQUIRE(pipe(pipe_fds) == 0);
  pid_t child = fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    std::string bytes;
    int rc = RandomBytes(32, &bytes).ok() &&
                     write(pipe_fds[1], bytes.data(), bytes.size()) == 32
                 ? 0
                 : 1;
    _exit(rc);
  }
  close(pipe_fds[1]);
  std::string parent;
  BOOST_REQUIRE(RandomBytes(32, &parent).ok());
  std::string from_child(32, '\0');
  ssize_t got = read(pipe_fds[0], &from_child[0], from_child.size());
  close(pipe_fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  BOOST_REQUIRE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  BOOST_REQUIRE(got == 32);
  BOOST_TEST(from_child != parent);
}

BOOST_AUTO_TEST_CASE(seal_matches_the_gcm_spec_vectors) {
  // McGrew and Viega, "The Galois/Counter Mode of Operation", test cases 13
  // and 14 (AES-256, zero key, zero nonce, no AAD) and 16 (AES-256 with
  // additional authenticated data, our `context`).
  struct Case {
    const char* name;
    std::string key, nonce, plaintext, context;
    const char* hex_ciphertext_and_tag;
  };
  const std::string zero_key(kAeadKeySize, '\0');
  const std::string zero_nonce(kAeadNonceSize, '\0');
  const std::vector<Case> cases = {
      {"case 13", zero_key, zero_nonce, "", "",
       "530f8afbc74536b9a963b4f1c4cb738b"},
      {"case 14", zero_key, zero_nonce, std::string(16, '\0'), "",
       "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919"},
      {"case 16",
       Unhex("feffe9928665731c6d6a8f9467308308"
             "feffe9928665731c6d6a8f9467308308"),
       Unhex("cafebabefacedbaddecaf888"),
       Unhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
             "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"),
       Unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2"),
       "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
       "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
       "76fc6ece0f4e1768cddf8853bb2d551b"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      std::string sealed;
      BOOST_REQUIRE(Seal(c.key, c.plaintext, c.context, c.nonce, &sealed).ok());
      BOOST_TEST(sealed == c.nonce + Unhex(c.hex_ciphertext_and_tag));
      std::string opened;
      BOOST_TEST(Open(c.key, sealed, c.context, &opened).ok());
      BOOST_TEST(opened == c.plaintext);
    }
  }
}

BOOST_AUTO_TEST_CASE(open_needs_the_context_the_value_was_sealed_with) {
  std::string key;
  BOOST_REQUIRE(RandomBytes(kAeadKeySize, &key).ok());
  std::string nonce;
  BOOST_REQUIRE(RandomBytes(kAeadNonceSize, &nonce).ok());
  const std::string context = "mail_outbox:41:access_code";
  std::string sealed;
  BOOST_REQUIRE(Seal(key, "0123456789", context, nonce, &sealed).ok());
  // Same length, same key: only the context differs.
  BOOST_TEST(sealed.size() == kAeadNonceSize + 10 + kAeadTagSize);
  std::string opened;
  BOOST_REQUIRE(Open(key, sealed, context, &opened).ok());
  BOOST_TEST(opened == "0123456789");
  const std::vector<std::string> others = {
      "",                              // sealed without a context
      "mail_outbox:42:access_code",    // another row
      "mail_outbox:41:operator_link",  // another purpose
      "mail_outbox:4:1access_code",    // the same bytes, cut elsewhere
      "mail_outbox:41:access_code ",   // one byte more
      "mail_outbox:41:access_cod",     // one byte less
  };
  for (const std::string& other : others) {
    BOOST_TEST_CONTEXT("context '" << other << "'") {
      std::string wrong = "untouched";
      Status s = Open(key, sealed, other, &wrong);
      BOOST_TEST((s.code() == Status::Code::kInvalidInput), s.ToString());
      BOOST_TEST(wrong == "untouched");
    }
  }
  // A value sealed without a context (as before contexts) opens only
  // without one.
  std::string unbound;
  BOOST_REQUIRE(Seal(key, "0123456789", "", nonce, &unbound).ok());
  std::string out;
  BOOST_TEST(!Open(key, unbound, context, &out).ok());
  BOOST_TEST(Open(key, unbound, "", &out).ok());
}

BOOST_AUTO_TEST_CASE(seal_and_open_round_trip) {
  std::string key;
  BOOST_REQUIRE(RandomBytes(kAeadKeySize, &key).ok());
  for (size_t size : {0, 1, 15, 16, 17, 100, 4096}) {
    BOOST_TEST_CONTEXT("plaintext size " << size) {
      std::string plaintext(size, '\0');
      for (size_t i = 0; i < size; ++i) plaintext[i] = static_cast<char>(i);
      std::string nonce;
      BOOST_REQUIRE(RandomBytes(kAeadNonceSize, &nonce).ok());
      std::string sealed;
      BOOST_REQUIRE(Seal(key, plaintext, "row 7", nonce, &sealed).ok());
      BOOST_TEST(sealed.size() == kAeadNonceSize + size + kAeadTagSize);
      BOOST_TEST(sealed.compare(0, kAeadNonceSize, nonce) == 0);
      std::string opened;
      BOOST_TEST(Open(key, sealed, "row 7", &opened).ok());
      BOOST_TEST(opened == plaintext);
    }
  }
}

BOOST_AUTO_TEST_CASE(open_refuses_a_tampered_sealed_value) {
  const std::string key(kAeadKeySize, 'k');
  const std::string nonce(kAeadNonceSize, 'n');
  std::string sealed;
  BOOST_REQUIRE(Seal(key, "flow 12345", "ctx", nonce, &sealed).ok());
  // Flip one bit in every position: nonce, ciphertext and tag alike.
  for (size_t i = 0; i < sealed.size(); ++i) {
    BOOST_TEST_CONTEXT("bit flipped in byte " << i) {
      std::string tampered = sealed;
      tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
      std::string opened = "untouched";
      Status s = Open(key, tampered, "ctx", &opened);
      BOOST_TEST((s.code() == Status::Code::kInvalidInput));
      BOOST_TEST(opened == "untouched");
    }
  }
  struct Case {
    const char* name;
    std::string key;
    std::string sealed;
    Status::Code code;
  };
  const std::vector<Case> cases = {
      {"other key", std::string(kAeadKeySize, 'K'), sealed,
       Status::Code::kInvalidInput},
      {"truncated tag", key, sealed.substr(0, sealed.size() - 1),
       Status::Code::kInvalidInput},
      {"byte appended", key, sealed + "x", Status::Code::kInvalidInput},
      {"shorter than nonce and tag", key, sealed.substr(0, 27),
       Status::Code::kInvalidInput},
      {"empty", key, "", Status::Code::kInvalidInput},
      {"short key", std::string(16, 'k'), sealed, Status::Code::kInternal},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      std::string opened;
      Status s = Open(c.key, c.sealed, "ctx", &opened);
      BOOST_TEST(!s.ok());
      BOOST_TEST((s.code() == c.code));
    }
  }
}

BOOST_AUTO_TEST_CASE(seal_refuses_bad_key_or_nonce_sizes) {
  std::string sealed;
  BOOST_TEST(
      !Seal(std::string(31, 'k'), "x", "", std::string(12, 'n'), &sealed).ok());
  BOOST_TEST(
      !Seal(std::string(32, 'k'), "x", "", std::string(16, 'n'), &sealed).ok());
}

BOOST_AUTO_TEST_CASE(hkdf_sha256_matches_rfc5869) {
  struct Case {
    const char* name;
    std::string key, salt, info;
    size_t length;
    const char* hex_okm;
  };
  const std::vector<Case> cases = {
      {"RFC 5869 A.1", std::string(22, '\x0b'),
       Unhex("000102030405060708090a0b0c"), Unhex("f0f1f2f3f4f5f6f7f8f9"), 42,
       "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
       "34007208d5b887185865"},
      {"RFC 5869 A.3 (no salt, no info)", std::string(22, '\x0b'), "", "", 42,
       "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
       "9d201395faa4b61a96c8"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      std::string okm;
      BOOST_REQUIRE(HkdfSha256(c.key, c.salt, c.info, c.length, &okm).ok());
      BOOST_TEST(HexEncode(okm) == c.hex_okm);
    }
  }
}

BOOST_AUTO_TEST_CASE(hkdf_refuses_an_empty_key) {
  std::string okm;
  BOOST_TEST(!HkdfSha256("", "", "label", 32, &okm).ok());
  BOOST_TEST(okm.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
