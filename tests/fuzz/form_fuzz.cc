// Form and query parsing (web/request: ParseUrlEncoded, Request::Query and
// Request::Form): the parser agrees with an independent decoder, accepts only
// valid UTF-8 text, gives the same map when what it read is encoded again,
// and the request hands out exactly those values as query and form.
#include <map>

#include "base/text.h"
#include "fuzz_support.h"
#include "web/request.h"

namespace {

using Fields = std::map<std::string, std::string>;

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded decoding written again from the HTML
// standard: '+' is a space, %XX a byte, anything else itself.
bool Decode(const std::string& in, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      *out += ' ';
    } else if (in[i] == '%') {
      if (in.size() - i < 3 || Hex(in[i + 1]) < 0 || Hex(in[i + 2]) < 0) {
        return false;
      }
      *out += static_cast<char>(Hex(in[i + 1]) * 16 + Hex(in[i + 2]));
      i += 2;
    } else {
      *out += in[i];
    }
  }
  return true;
}

// The independent reading: '&'-separated pairs, empty ones skipped, the
// first value of a name kept, every name and value valid UTF-8 text.
bool Reference(const std::string& text, Fields* out) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('&', start);
    if (end == std::string::npos) end = text.size();
    const std::string pair = text.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string name, value;
    if (!Decode(pair.substr(0, eq), &name)) return false;
    if (eq != std::string::npos && !Decode(pair.substr(eq + 1), &value)) {
      return false;
    }
    if (!passwd::IsValidUtf8Text(name) || !passwd::IsValidUtf8Text(value)) {
      return false;
    }
    out->emplace(name, value);
  }
  return true;
}

std::string Encode(const std::string& in) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace passwd;
  const std::string text = passwd_fuzz::AsString(data, size);

  Fields parsed;
  const Status status = ParseUrlEncoded(text, &parsed);
  Fields expected;
  const bool expected_ok = Reference(text, &expected);
  FUZZ_CHECK(status.ok() == expected_ok);
  if (!status.ok()) {
    FUZZ_CHECK(status.code() == Status::Code::kInvalidInput);
  } else {
    FUZZ_CHECK(parsed == expected);
    // Encoded again, the fields read back the same.
    std::string again;
    for (const auto& [name, value] : parsed) {
      if (!again.empty()) again += '&';
      again += Encode(name) + "=" + Encode(value);
    }
    Fields reparsed;
    FUZZ_CHECK(ParseUrlEncoded(again, &reparsed).ok());
    FUZZ_CHECK(reparsed == parsed);
  }

  // The same text as a GET's query string and as a POST's form body.
  RawRequest get;
  get.params["REQUEST_METHOD"] = "GET";
  get.params["QUERY_STRING"] = text;
  Request get_request;
  const Status get_status =
      passwd_fuzz::ParseRequest(get, 1 << 20, &get_request);
  FUZZ_CHECK(get_status.ok() == status.ok());
  if (get_status.ok()) {
    for (const auto& [name, value] : expected) {
      FUZZ_CHECK(get_request.Query(name) == value);
    }
  }

  RawRequest post;
  post.params["REQUEST_METHOD"] = "POST";
  post.params["CONTENT_TYPE"] = "application/x-www-form-urlencoded";
  post.params["CONTENT_LENGTH"] = std::to_string(text.size());
  post.body = text;
  Request post_request;
  const Status post_status =
      passwd_fuzz::ParseRequest(post, 1 << 20, &post_request);
  FUZZ_CHECK(post_status.ok() == status.ok());
  if (post_status.ok()) {
    for (const auto& [name, value] : expected) {
      FUZZ_CHECK(post_request.HasForm(name));
      FUZZ_CHECK(post_request.Form(name) == value);
    }
  }
  return 0;
}
