// Cookie parsing, through the public interface only (Request::Parse with
// HTTP_COOKIE, Request::Cookie), so that a change of the parser's rules
// (a repeated name refused, say) keeps this target valid:
// - any header: parsing never crashes or throws, is deterministic, and every
//   value handed out is valid UTF-8 text without a ';';
// - a header written from distinct well-formed names and values: parsing
//   succeeds and gives each value back.
#include <set>
#include <vector>

#include "base/paths.h"
#include "base/text.h"
#include "fuzz_support.h"
#include "web/request.h"

namespace {

passwd::Status ParseCookies(const std::string& header, bool secure,
                            passwd::Request* out) {
  passwd::RawRequest raw;
  raw.params["REQUEST_METHOD"] = "GET";
  raw.params["HTTP_COOKIE"] = header;
  return passwd_fuzz::ParseRequest(raw, 16384, out, secure);
}

// The names a reader of the header could ask for: what stands before each
// '=' of each ';'-separated part, with and without surrounding spaces.
std::set<std::string> CandidateNames(const std::string& header) {
  std::set<std::string> names;
  size_t start = 0;
  while (start <= header.size()) {
    size_t end = header.find(';', start);
    if (end == std::string::npos) end = header.size();
    const std::string part = header.substr(start, end - start);
    const size_t eq = part.find('=');
    if (eq != std::string::npos) {
      names.insert(part.substr(0, eq));
      names.insert(passwd::Trim(part.substr(0, eq)));
    }
    start = end + 1;
  }
  return names;
}

bool IsTokenChar(char c) {
  return passwd::IsAsciiAlnum(c) || c == '_' || c == '-' || c == '.';
}

// RFC 6265 cookie-octet: printable ASCII but space, '"', ',', ';' and '\'.
bool IsCookieOctet(char c) {
  return c > 0x20 && c < 0x7f && c != '"' && c != ',' && c != ';' && c != '\\';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace passwd;
  if (size == 0) return 0;
  const std::string rest = passwd_fuzz::AsString(data + 1, size - 1);
  // Cookies as a plain-HTTP page reads them, or as one served over TLS
  // (names with the __Host- prefix).
  const bool secure = (data[0] & 4) != 0;

  if ((data[0] & 1) == 0) {
    // Any header.
    Request first, second;
    const Status status = ParseCookies(rest, secure, &first);
    const Status again = ParseCookies(rest, secure, &second);
    FUZZ_CHECK(status.ok() == again.ok());
    if (!status.ok()) return 0;
    for (const std::string& name : CandidateNames(rest)) {
      const std::string value = first.Cookie(name);
      FUZZ_CHECK(value == second.Cookie(name));
      FUZZ_CHECK(IsValidUtf8Text(value));
      FUZZ_CHECK(value.find(';') == std::string::npos);
    }
    return 0;
  }

  // Well-formed pairs: the input's NUL-separated fields alternate name and
  // value, each filtered to the allowed characters; a name is made distinct
  // by its position.
  std::vector<std::string> fields = passwd_fuzz::Fields(data + 1, size - 1, 16);
  std::vector<std::pair<std::string, std::string>> pairs;
  std::string header;
  for (size_t i = 0; i + 1 < fields.size(); i += 2) {
    // "c<i>_" first: no two names can be equal.
    std::string name = "c" + std::to_string(i) + "_", value;
    for (char c : fields[i]) {
      if (IsTokenChar(c)) name += c;
    }
    for (char c : fields[i + 1]) {
      if (IsCookieOctet(c)) value += c;
    }
    if (fields[i].empty() && fields[i + 1].empty()) continue;
    if (!header.empty()) header += (data[0] & 2) ? ";" : "; ";
    header += ServedCookieName(name, secure) + "=" + value;
    pairs.emplace_back(name, value);
  }
  Request request;
  const Status status = ParseCookies(header, secure, &request);
  FUZZ_CHECK(status.ok());
  for (const auto& [name, value] : pairs) {
    FUZZ_CHECK(request.Cookie(name) == value);
  }
  return 0;
}
