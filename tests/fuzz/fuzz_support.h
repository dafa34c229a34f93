// Shared by the libFuzzer targets (tests/fuzz/*_fuzz.cc, docs/fuzzing.md):
// the check that aborts on a broken property, and the split of one input
// into fields.
#ifndef PASSWD_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define PASSWD_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "web/request.h"

// Aborts, which libFuzzer reports as a crash and saves the input, when a
// property the target asserts does not hold.
#define FUZZ_CHECK(condition)                                                  \
  do {                                                                         \
    if (!(condition)) {                                                        \
      std::fprintf(stderr, "%s:%d: property broken: %s\n", __FILE__, __LINE__, \
                   #condition);                                                \
      std::abort();                                                            \
    }                                                                          \
  } while (0)

namespace passwd_fuzz {

// The input as text.
inline std::string AsString(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// Splits the input at NUL bytes into exactly `count` fields (missing ones
// empty, the last one takes the rest, NULs included), so that a seed is
// readable text: printf 'field1\0field2\0field3'.
inline std::vector<std::string> Fields(const uint8_t* data, size_t size,
                                       size_t count) {
  std::vector<std::string> fields(count);
  size_t field = 0;
  for (size_t i = 0; i < size; ++i) {
    char c = static_cast<char>(data[i]);
    if (c == '\0' && field + 1 < count) {
      ++field;
    } else {
      fields[field] += c;
    }
  }
  return fields;
}

// Request::Parse as a page calls it, over plain HTTP or (secure_cookies)
// with the __Host- cookie names of TLS.
inline passwd::Status ParseRequest(const passwd::RawRequest& raw,
                                   long max_body_bytes, passwd::Request* out,
                                   bool secure_cookies = false) {
  return passwd::Request::Parse(raw, max_body_bytes, secure_cookies, out);
}

}  // namespace passwd_fuzz

#endif  // PASSWD_TESTS_FUZZ_FUZZ_SUPPORT_H_
