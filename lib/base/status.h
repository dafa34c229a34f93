// Status: the result of an operation that can fail, passed back up as a
// value instead of an exception (LevelDB's model).
#ifndef PASSWD_LIB_BASE_STATUS_H_
#define PASSWD_LIB_BASE_STATUS_H_

#include <string>
#include <utility>

namespace passwd {

// The result of an operation: OK, or a code and a message.
class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk,
    kInvalidInput,      // the client sent something we cannot accept (400)
    kForbidden,         // CSRF failure, forbidden action (403)
    kNotFound,          // no such page or record (404)
    kMethodNotAllowed,  // (405)
    kTooLarge,          // request body over the cap (413)
    kRateLimited,       // over a rate limit (429)
    kUnavailable,       // database or another dependency is down (503)
    kInternal,          // a bug or an unexpected failure (500)
  };

  // Returns a success status.
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string msg) {
    return {Code::kInvalidInput, std::move(msg)};
  }
  static Status Forbidden(std::string msg) {
    return {Code::kForbidden, std::move(msg)};
  }
  static Status NotFound(std::string msg) {
    return {Code::kNotFound, std::move(msg)};
  }
  static Status MethodNotAllowed(std::string msg) {
    return {Code::kMethodNotAllowed, std::move(msg)};
  }
  static Status TooLarge(std::string msg) {
    return {Code::kTooLarge, std::move(msg)};
  }
  static Status RateLimited(std::string msg) {
    return {Code::kRateLimited, std::move(msg)};
  }
  static Status Unavailable(std::string msg) {
    return {Code::kUnavailable, std::move(msg)};
  }
  static Status Internal(std::string msg) {
    return {Code::kInternal, std::move(msg)};
  }

  // True when the operation succeeded.
  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // A developer-facing description; never shown to users, never holds secrets.
  const std::string& message() const { return message_; }
  // The HTTP status that an error page for this status carries.
  int HttpStatus() const;
  // "OK" or "<code name>: <message>", for logs.
  std::string ToString() const;
  // ToString() cut to `max_length` bytes of printable ASCII (anything else
  // becomes '?'): fit for a VARCHAR error column and a log line.
  std::string ToShortAscii(size_t max_length) const;

 private:
  Status(Code code, std::string message)
      : code_(code), message_(std::move(message)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_STATUS_H_
