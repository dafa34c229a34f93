// The response a page builds; the only code that writes HTTP headers.
#ifndef PASSWD_LIB_WEB_RESPONSE_H_
#define PASSWD_LIB_WEB_RESPONSE_H_

#include <string>
#include <utility>
#include <vector>

namespace passwd {

// Status, headers, cookies and body of one response.
class Response {
 public:
  // How Serialize decides the cookies' Secure attribute.
  enum class SecureCookies { kAuto, kAlways, kNever };

  Response() = default;
  Response(const Response&) = delete;
  Response& operator=(const Response&) = delete;
  Response(Response&&) = default;
  Response& operator=(Response&&) = default;

  // Sets the HTTP status (200 unless set).
  void SetStatus(int status) { status_ = status; }
  int status() const { return status_; }

  // Sets a header, replacing one of the same name; CR and LF are dropped so
  // a value can never start a header of its own.
  void SetHeader(const std::string& name, const std::string& value);
  // The header's value, or "" when unset.
  std::string Header(const std::string& name) const;

  // Adds cookie `name` (a base name of base/paths.h), always HttpOnly and
  // SameSite=Strict, scoped to `path`; when Serialize makes it Secure, it
  // goes out under ServedCookieName and ServedCookiePath (`__Host-`, "/").
  // `max_age_seconds` < 0 makes a session cookie.
  void SetCookie(const std::string& name, const std::string& value,
                 const std::string& path, long max_age_seconds = -1);
  // Like SetCookie, but SameSite=Lax: for a preference (the language) that
  // a link from a mail or another site should still see; never for a
  // cookie that guards anything.
  void SetPreferenceCookie(const std::string& name, const std::string& value,
                           const std::string& path, long max_age_seconds);
  // Tells the browser to forget a cookie.
  void ClearCookie(const std::string& name, const std::string& path);
  // Copies the ClearCookie calls made on `other`, so that an error page
  // replacing a failed handler's response still makes the browser forget
  // what the handler cleared; cookies `other` set are not copied.
  void KeepClearedCookiesOf(const Response& other);

  // Answers 303 See Other to `location`, so reload never repeats a POST.
  void Redirect(const std::string& location);

  // Sets an HTML body (UTF-8).
  void SetHtml(std::string html);
  // Sets a plain-text body (UTF-8), for machines such as a monitor.
  void SetText(std::string text);
  const std::string& body() const { return body_; }

  // Whether cookies go out Secure (and under `__Host-` names) for a request
  // over TLS or not (`https`) under the configured `secure`: the one
  // judgement, which Request::Parse is given too, so reading and writing
  // agree on the names.
  static bool CookiesSecure(bool https, SecureCookies secure);

  // The whole CGI/FastCGI response: a Status line, headers (the security
  // headers every response carries included), a blank line and the body.
  std::string Serialize(bool https, SecureCookies secure) const;

 private:
  struct CookieSpec {
    std::string name, value, path;
    long max_age;
    bool lax = false;  // SameSite=Lax rather than Strict
  };

  int status_ = 200;
  std::vector<std::pair<std::string, std::string>> headers_;
  std::vector<CookieSpec> cookies_;
  std::string body_;
};

// The reason phrase for an HTTP status, e.g. "Not Found".
const char* ReasonPhrase(int status);

}  // namespace passwd

#endif  // PASSWD_LIB_WEB_RESPONSE_H_
