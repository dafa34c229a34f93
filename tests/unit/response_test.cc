// web/response: the one writer of headers and body.
#include "web/response.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <utility>

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(response)

BOOST_AUTO_TEST_CASE(serializes_security_headers_and_no_store) {
  Response r;
  r.SetHtml("<p>x</p>");
  std::string out = r.Serialize(false, Response::SecureCookies::kAuto);
  BOOST_TEST(out.rfind("Status: 200 OK\r\n", 0) == 0);
  for (const char* header :
       {"Cache-Control: no-store\r\n",
        "Content-Type: text/html; charset=UTF-8\r\n",
        "X-Content-Type-Options: nosniff\r\n",
        "Referrer-Policy: no-referrer\r\n", "frame-ancestors 'none'",
        "Content-Security-Policy: default-src 'none';"}) {
    BOOST_TEST_CONTEXT(header) {
      BOOST_TEST(out.find(header) != std::string::npos);
    }
  }
  // Scripts from our own static files only: no inline script, no eval.
  BOOST_TEST(out.find("script-src 'self';") != std::string::npos);
  BOOST_TEST(out.find("unsafe-") == std::string::npos);
  BOOST_TEST(out.substr(out.size() - 8) == "<p>x</p>");
}

BOOST_AUTO_TEST_CASE(cookies_are_httponly_strict_and_secure_over_tls) {
  Response r;
  r.SetCookie("flow", "tok", "/cgi-open-bin/passwd/");
  std::string plain = r.Serialize(false, Response::SecureCookies::kAuto);
  BOOST_TEST(plain.find("Set-Cookie: flow=tok; Path=/cgi-open-bin/passwd/; "
                        "HttpOnly; SameSite=Strict\r\n") != std::string::npos);
  BOOST_TEST(
      r.Serialize(true, Response::SecureCookies::kAuto).find("; Secure") !=
      std::string::npos);
  BOOST_TEST(
      r.Serialize(false, Response::SecureCookies::kAlways).find("; Secure") !=
      std::string::npos);
  BOOST_TEST(
      r.Serialize(true, Response::SecureCookies::kNever).find("; Secure") ==
      std::string::npos);
  Response cleared;
  cleared.ClearCookie("flow", "/");
  BOOST_TEST(cleared.Serialize(false, Response::SecureCookies::kAuto)
                 .find("flow=; Path=/; Max-Age=0") != std::string::npos);
}

// Secure cookies go out under __Host- names with Path=/ (the browser keeps
// such a cookie only if Secure, host-only and Path=/, so no other host of
// the site can set or shadow it); plain HTTP keeps the names and paths.
BOOST_AUTO_TEST_CASE(secure_cookies_get_host_prefix_and_root_path) {
  Response r;
  r.SetCookie("passwd_admin", "tok", "/cgi-bin/passwd-admin/");
  r.ClearCookie("passwd_flow", "/cgi-open-bin/passwd/");
  for (auto [https, setting] :
       {std::pair{true, Response::SecureCookies::kAuto},
        std::pair{false, Response::SecureCookies::kAlways}}) {
    std::string out = r.Serialize(https, setting);
    BOOST_TEST(out.find("Set-Cookie: __Host-passwd_admin=tok; Path=/; "
                        "HttpOnly; SameSite=Strict; Secure\r\n") !=
               std::string::npos);
    BOOST_TEST(out.find("Set-Cookie: __Host-passwd_flow=; Path=/; Max-Age=0; "
                        "HttpOnly; SameSite=Strict; Secure\r\n") !=
               std::string::npos);
    BOOST_TEST(out.find("Domain") == std::string::npos);
  }
  for (auto [https, setting] :
       {std::pair{false, Response::SecureCookies::kAuto},
        std::pair{true, Response::SecureCookies::kNever}}) {
    std::string out = r.Serialize(https, setting);
    BOOST_TEST(out.find("__Host-") == std::string::npos);
    BOOST_TEST(out.find("Set-Cookie: passwd_admin=tok; "
                        "Path=/cgi-bin/passwd-admin/; HttpOnly") !=
               std::string::npos);
  }
  BOOST_TEST(Response::CookiesSecure(true, Response::SecureCookies::kAuto));
  BOOST_TEST(!Response::CookiesSecure(false, Response::SecureCookies::kAuto));
  BOOST_TEST(Response::CookiesSecure(false, Response::SecureCookies::kAlways));
  BOOST_TEST(!Response::CookiesSecure(true, Response::SecureCookies::kNever));
}

BOOST_AUTO_TEST_CASE(headers_cannot_be_split) {
  Response r;
  r.Redirect("/next\r\nSet-Cookie: evil=1");
  std::string out = r.Serialize(false, Response::SecureCookies::kAuto);
  BOOST_TEST(out.find("Status: 303 See Other") == 0u);
  BOOST_TEST(out.find("Location: /nextSet-Cookie: evil=1\r\n") !=
             std::string::npos);
  BOOST_TEST(out.find("\r\nSet-Cookie: evil") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
