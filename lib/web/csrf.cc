#include "web/csrf.h"

#include "base/crypto.h"

namespace passwd {
namespace {

constexpr size_t kCookieBytes = 32;

std::string TokenFor(const Config& config, const std::string& cookie) {
  return Base64UrlEncode(HmacSha256(config.keys.csrf, "csrf:" + cookie));
}

bool WellFormedCookie(const std::string& cookie) {
  std::string bytes;
  return Base64UrlDecode(cookie, &bytes).ok() && bytes.size() == kCookieBytes;
}

}  // namespace

Status CsrfToken(Env* env, const CsrfScope& scope, const Request& request,
                 Response* response, std::string* token) {
  std::string cookie = request.Cookie(scope.cookie_name);
  if (!WellFormedCookie(cookie)) {
    std::string bytes;
    Status s = env->RandomBytes(kCookieBytes, &bytes);
    if (!s.ok()) return s;
    cookie = Base64UrlEncode(bytes);
    response->SetCookie(scope.cookie_name, cookie, scope.cookie_path);
  }
  *token = TokenFor(env->config(), cookie);
  return Status::Ok();
}

Status CheckCsrf(const Config& config, const CsrfScope& scope,
                 const Request& request) {
  std::string cookie = request.Cookie(scope.cookie_name);
  std::string field = request.Form(kCsrfField);
  if (!WellFormedCookie(cookie) || field.empty() ||
      !ConstantTimeEquals(field, TokenFor(config, cookie))) {
    return Status::Forbidden("CSRF token missing or wrong");
  }
  return Status::Ok();
}

std::string SessionCsrfToken(const Config& config,
                             const std::string& session_token) {
  // Its own label, so no cookie value of the cookie-bound kind (HMACed
  // under "csrf:") ever yields a session's token.
  return Base64UrlEncode(
      HmacSha256(config.keys.csrf, "console-session-csrf:" + session_token));
}

Status CheckSessionCsrf(const std::string& expected, const Request& request) {
  const std::string field = request.Form(kCsrfField);
  if (expected.empty() || field.empty() ||
      !ConstantTimeEquals(field, expected)) {
    return Status::Forbidden("session CSRF token missing or wrong");
  }
  return Status::Ok();
}

}  // namespace passwd
