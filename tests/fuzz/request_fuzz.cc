// The whole request parser (web/request: Request::Parse) with the body's
// headers from the input, for the refusal of multipart and every other body
// type but a urlencoded form: fields method, Content-Type, Content-Length,
// body, query string, separated by NUL bytes.
// - parsing never crashes or throws and is deterministic;
// - a body over the cap gives kTooLarge, as does a Content-Length over it;
// - a POST with a body whose type is not application/x-www-form-urlencoded
//   (multipart/form-data above all) is refused with kInvalidInput;
// - an accepted POST hands out the fields ParseUrlEncoded reads in the body.
#include <map>

#include "base/text.h"
#include "fuzz_support.h"
#include "web/request.h"

namespace {

constexpr long kMaxBody = 512;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace passwd;
  std::vector<std::string> f = passwd_fuzz::Fields(data, size, 5);
  RawRequest raw;
  raw.params["REQUEST_METHOD"] = f[0];
  if (!f[1].empty()) raw.params["CONTENT_TYPE"] = f[1];
  if (!f[2].empty()) raw.params["CONTENT_LENGTH"] = f[2];
  raw.body = f[3];
  raw.params["QUERY_STRING"] = f[4];
  raw.params["REMOTE_ADDR"] = "192.0.2.1";

  Request request, again;
  const Status status = passwd_fuzz::ParseRequest(raw, kMaxBody, &request);
  const Status status_again = passwd_fuzz::ParseRequest(raw, kMaxBody, &again);
  FUZZ_CHECK(status.code() == status_again.code());
  FUZZ_CHECK(status.message() == status_again.message());
  FUZZ_CHECK(status.ok() || status.code() == Status::Code::kInvalidInput ||
             status.code() == Status::Code::kTooLarge);

  std::map<std::string, std::string> query;
  const bool query_ok = ParseUrlEncoded(f[4], &query).ok();
  if (!query_ok) FUZZ_CHECK(!status.ok());

  if (static_cast<long>(raw.body.size()) > kMaxBody) {
    FUZZ_CHECK(!status.ok());
  }
  // A Content-Length that is a plain decimal number over the cap.
  bool digits = !f[2].empty() && f[2].size() < 10;
  for (char c : f[2]) digits = digits && c >= '0' && c <= '9';
  if (query_ok && digits && std::stol(f[2]) > kMaxBody) {
    FUZZ_CHECK(status.code() == Status::Code::kTooLarge);
  }

  const std::string type = f[1].substr(0, f[1].find(';'));
  const bool form_type = Trim(type) == "application/x-www-form-urlencoded";
  if (f[0] == "POST" && !raw.body.empty() && !form_type) {
    FUZZ_CHECK(!status.ok());
  }
  if (f[0] == "POST" && !raw.body.empty() &&
      ToLowerAscii(Trim(type)).rfind("multipart/", 0) == 0) {
    FUZZ_CHECK(!status.ok());
  }
  if (!status.ok()) return 0;

  FUZZ_CHECK(request.method() == f[0]);
  FUZZ_CHECK(request.IsPost() == (f[0] == "POST"));
  for (const auto& [name, value] : query) {
    FUZZ_CHECK(request.Query(name) == value);
  }
  if (request.IsPost()) {
    std::map<std::string, std::string> form;
    FUZZ_CHECK(ParseUrlEncoded(raw.body, &form).ok());
    for (const auto& [name, value] : form) {
      FUZZ_CHECK(request.HasForm(name));
      FUZZ_CHECK(request.Form(name) == value);
    }
  } else {
    // The body of a GET is never read as a form.
    std::map<std::string, std::string> form;
    if (ParseUrlEncoded(raw.body, &form).ok()) {
      for (const auto& [name, value] : form) {
        FUZZ_CHECK(!request.HasForm(name));
      }
    }
  }
  return 0;
}
