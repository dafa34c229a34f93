#include "base/status.h"

#include "base/enum_table.h"

namespace passwd {

namespace {

// Each code's name and HTTP status: the one table of Status::Code.
struct CodeText {
  Status::Code value;
  const char* text;  // the code's name in logs
  int http_status;
};
constexpr CodeText kCodeTexts[] = {
    {Status::Code::kOk, "OK", 200},
    {Status::Code::kInvalidInput, "InvalidInput", 400},
    {Status::Code::kForbidden, "Forbidden", 403},
    {Status::Code::kNotFound, "NotFound", 404},
    {Status::Code::kMethodNotAllowed, "MethodNotAllowed", 405},
    {Status::Code::kTooLarge, "TooLarge", 413},
    {Status::Code::kRateLimited, "RateLimited", 429},
    {Status::Code::kUnavailable, "Unavailable", 503},
    {Status::Code::kInternal, "Internal", 500},
};

}  // namespace

int Status::HttpStatus() const { return EntryOf(kCodeTexts, code_).http_status; }

std::string Status::ToString() const {
  if (code_ == Code::kOk) return "OK";
  return std::string(EntryOf(kCodeTexts, code_).text) + ": " + message_;
}

std::string Status::ToShortAscii(size_t max_length) const {
  std::string text;
  for (char c : ToString()) {
    if (text.size() == max_length) break;
    text.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  }
  return text;
}

}  // namespace passwd
