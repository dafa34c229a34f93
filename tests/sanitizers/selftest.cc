// make check-asan's proof that its machinery fails a run: built with the
// same flags as build/asan/, each mode commits one error the sanitizers must
// report (scripts/check-asan expects a report and a non-zero exit status from
// each, and a clean exit from "clean"). Never part of the product.
//
//   sanitizer_selftest heap-overflow|use-after-free|signed-overflow|leak|clean
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

// The compiler must not see through the values (no warning, no folding; an
// allocation of a known size would be UBSan's object-size report first).
volatile int opaque_size = 8;
volatile int opaque_index = 8;
volatile int opaque_int = 2147483647;

int HeapOverflow() {
  char* buffer = static_cast<char*>(std::malloc(opaque_size));
  std::memset(buffer, 'x', opaque_size);
  int value = buffer[opaque_index];  // one past the end
  std::free(buffer);
  return value;
}

int UseAfterFree() {
  int* volatile value = new int(7);
  delete value;
  return *value;
}

int SignedOverflow() {
  int value = opaque_int;
  return value + 1;  // undefined: INT_MAX + 1
}

char* volatile leak_sink = nullptr;

int Leak() {
  leak_sink = new char[64];
  std::memset(leak_sink, 'y', 64);
  leak_sink = nullptr;  // the only pointer is gone before exit
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  int result = 0;
  if (mode == "heap-overflow") result = HeapOverflow();
  else if (mode == "use-after-free") result = UseAfterFree();
  else if (mode == "signed-overflow") result = SignedOverflow();
  else if (mode == "leak") result = Leak();
  else if (mode != "clean") {
    std::fprintf(stderr, "usage: %s heap-overflow|use-after-free|signed-overflow|leak|clean\n", argv[0]);
    return 2;
  }
  std::printf("%s: done (%d)\n", mode.c_str(), result & 1);
  return 0;
}
