// CSRF protection for every form, in two kinds:
// - Cookie-bound (the public pages, and the console's login form, before
//   there is a session): a random cookie (HttpOnly, SameSite=Strict) and a
//   hidden field holding its HMAC under the server key, so a page of another
//   site can neither read nor forge the field.
// - Session-bound (the console once an operator is signed in): the field is
//   the HMAC of the session's token, with no cookie of its own. Someone who
//   can plant a cookie from another host of the same site (SameSite does
//   not stop that host) gets a valid field for his own cookie only, never
//   for an operator's session.
#ifndef PASSWD_LIB_WEB_CSRF_H_
#define PASSWD_LIB_WEB_CSRF_H_

#include <string>

#include "base/env.h"
#include "base/paths.h"
#include "base/status.h"
#include "web/request.h"
#include "web/response.h"

namespace passwd {

// Where a CSRF cookie lives: the public pages and the console keep apart.
struct CsrfScope {
  const char* cookie_name;
  const char* cookie_path;
};
inline constexpr CsrfScope kPublicCsrf = {kPublicCsrfCookie, kPublicPrefix};
// The console's login form only: signed-in console forms are session-bound.
inline constexpr CsrfScope kAdminLoginCsrf = {kAdminCsrfCookie, kAdminPrefix};

// The name of the hidden form field.
inline constexpr char kCsrfField[] = "csrf_token";

// Returns the token a form must carry, setting the cookie on `response`
// when the browser has no valid one yet.
Status CsrfToken(Env* env, const CsrfScope& scope, const Request& request,
                 Response* response, std::string* token);

// Forbidden unless the POSTed field matches the browser's cookie.
Status CheckCsrf(const Config& config, const CsrfScope& scope,
                 const Request& request);

// The session-bound token of the console session whose cookie value is
// `session_token`.
std::string SessionCsrfToken(const Config& config,
                             const std::string& session_token);

// Forbidden unless the POSTed field is `expected`, a SessionCsrfToken.
Status CheckSessionCsrf(const std::string& expected, const Request& request);

}  // namespace passwd

#endif  // PASSWD_LIB_WEB_CSRF_H_
