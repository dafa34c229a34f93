// An HTTP request as a page sees it, parsed from the FastCGI parameters and
// body. Parsing is pure, so the request parser is tested without a server.
#ifndef PASSWD_LIB_WEB_REQUEST_H_
#define PASSWD_LIB_WEB_REQUEST_H_

#include <map>
#include <string>

#include "base/caller.h"
#include "base/lang.h"
#include "base/status.h"

namespace passwd {

// What the FastCGI (or CGI) layer hands to the parser.
struct RawRequest {
  std::map<std::string, std::string> params;  // REQUEST_METHOD, QUERY_STRING...
  std::string body;                           // at most the cap, see below
  bool body_truncated = false;  // the client sent more than the cap
};

// A parsed request: method, query, form fields, cookies and the caller.
class Request {
 public:
  // Parses `raw`; a body over `max_body_bytes` gives kTooLarge, a malformed
  // body or parameter (bad percent-encoding, broken UTF-8) or a site cookie
  // sent twice kInvalidInput. `secure_cookies`: the site's cookies are
  // served Secure, under their `__Host-` names (ServedCookieName), and read
  // under those names only.
  static Status Parse(const RawRequest& raw, long max_body_bytes,
                      bool secure_cookies, Request* out);

  // "GET", "POST", ...
  const std::string& method() const { return method_; }
  // True for POST; a page that answers GET and POST treats every other
  // method RunPage lets through (GET, HEAD) as a read.
  bool IsPost() const { return method_ == "POST"; }
  // The path without the query string, e.g. /cgi-open-bin/passwd/index.
  const std::string& path() const { return path_; }
  // The client's address as nginx saw it.
  const std::string& client_address() const { return client_address_; }
  // nginx's $request_id, or one made up when absent; for logs.
  const std::string& request_id() const { return request_id_; }
  // The client address, request id and language, for rate limits, the
  // audit log and the mails a request queues.
  Caller caller() const { return {client_address_, request_id_, lang_}; }
  // The language of the request's pages and mails: the language cookie's,
  // else the one Accept-Language prefers (base/lang.h). Set first thing by
  // Parse, so an error page of a request Parse refused speaks it too.
  Lang lang() const { return lang_; }
  // Overrides the language: the console's pages speak Japanese whatever
  // the browser asks for.
  void set_lang(Lang lang) { lang_ = lang; }
  // True when the request came over TLS.
  bool https() const { return https_; }
  // True when the site's cookies are served Secure, under `__Host-` names.
  bool secure_cookies() const { return secure_cookies_; }

  // A query-string parameter, or "" when absent.
  std::string Query(const std::string& name) const;
  // Every query-string parameter.
  const std::map<std::string, std::string>& query() const { return query_; }
  // A urlencoded POST field, or "" when absent.
  std::string Form(const std::string& name) const;
  // True when the POST body carried the field (even empty).
  bool HasForm(const std::string& name) const;
  // The value of the cookie the site calls `name` (a base name of
  // base/paths.h, looked up under ServedCookieName), or "" when absent.
  std::string Cookie(const std::string& name) const;

 private:
  std::string method_;
  std::string path_;
  std::string client_address_;
  std::string request_id_;
  bool https_ = false;
  bool secure_cookies_ = false;
  Lang lang_ = Lang::kJa;
  std::map<std::string, std::string> query_;
  std::map<std::string, std::string> form_;
  std::map<std::string, std::string> cookies_;
};

// Decodes application/x-www-form-urlencoded `text` into `out` (first value of
// a repeated name wins); fails on bad %-escapes or broken UTF-8.
Status ParseUrlEncoded(const std::string& text,
                       std::map<std::string, std::string>* out);

// Parses a Cookie header into `out`; malformed pairs are skipped (junk
// cookies from other sites must not break our pages). A site cookie
// (kSiteCookies under its ServedCookieName for `secure_cookies`) sent twice
// gives kInvalidInput: a browser holds one of each, so a second one was
// planted (from another host of the site, or for another path) to shadow
// ours. Other names may repeat (the first wins): the site never reads them.
// A site cookie under its other name (plain over TLS, `__Host-` over HTTP)
// is kept but never read, so a browser still holding the cookie of before
// the switch to TLS is not locked out.
Status ParseCookieHeader(const std::string& header, bool secure_cookies,
                         std::map<std::string, std::string>* out);

}  // namespace passwd

#endif  // PASSWD_LIB_WEB_REQUEST_H_
