#include "base/status.h"

namespace passwd {

int Status::HttpStatus() const {
  switch (code_) {
    case Code::kOk:
      return 200;
    case Code::kInvalidInput:
      return 400;
    case Code::kForbidden:
      return 403;
    case Code::kNotFound:
      return 404;
    case Code::kMethodNotAllowed:
      return 405;
    case Code::kTooLarge:
      return 413;
    case Code::kRateLimited:
      return 429;
    case Code::kUnavailable:
      return 503;
    case Code::kInternal:
      return 500;
  }
  return 500;
}

std::string Status::ToString() const {
  const char* name = "Internal";
  switch (code_) {
    case Code::kOk:
      return "OK";
    case Code::kInvalidInput:
      name = "InvalidInput";
      break;
    case Code::kForbidden:
      name = "Forbidden";
      break;
    case Code::kNotFound:
      name = "NotFound";
      break;
    case Code::kMethodNotAllowed:
      name = "MethodNotAllowed";
      break;
    case Code::kTooLarge:
      name = "TooLarge";
      break;
    case Code::kRateLimited:
      name = "RateLimited";
      break;
    case Code::kUnavailable:
      name = "Unavailable";
      break;
    case Code::kInternal:
      name = "Internal";
      break;
  }
  return std::string(name) + ": " + message_;
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
