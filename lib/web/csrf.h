// CSRF protection for every form: a random cookie (HttpOnly, SameSite=Strict)
// and a hidden field holding its HMAC under the server key, so a page of
// another site can neither read nor forge the field.
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
inline constexpr CsrfScope kAdminCsrf = {kAdminCsrfCookie, kAdminPrefix};

// The name of the hidden form field.
inline constexpr char kCsrfField[] = "csrf_token";

// Returns the token a form must carry, setting the cookie on `response`
// when the browser has no valid one yet.
Status CsrfToken(Env* env, const CsrfScope& scope, const Request& request,
                 Response* response, std::string* token);

// Forbidden unless the POSTed field matches the browser's cookie.
Status CheckCsrf(const Config& config, const CsrfScope& scope,
                 const Request& request);

}  // namespace passwd

#endif  // PASSWD_LIB_WEB_CSRF_H_
