// Status values, the response writer and the request dispatcher every page
// executable shares.
#include "web/response.h"

#include <boost/test/unit_test.hpp>
#include <stdexcept>

#include "base/status.h"
#include "web/fcgi_main.h"
#include "web/page.h"

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(status_and_response)

BOOST_AUTO_TEST_CASE(status_maps_to_http) {
  struct Case {
    Status status;
    int http;
  } cases[] = {
      {Status::Ok(), 200},
      {Status::InvalidInput("x"), 400},
      {Status::Forbidden("x"), 403},
      {Status::NotFound("x"), 404},
      {Status::MethodNotAllowed("x"), 405},
      {Status::TooLarge("x"), 413},
      {Status::RateLimited("x"), 429},
      {Status::Internal("x"), 500},
      {Status::Unavailable("x"), 503},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.status.ToString()) {
      BOOST_TEST(c.status.HttpStatus() == c.http);
      BOOST_TEST(c.status.ok() == (c.http == 200));
    }
  }
  BOOST_TEST(Status::NotFound("no page").ToString() == "NotFound: no page");
}

BOOST_AUTO_TEST_CASE(short_ascii_cuts_and_masks) {
  const Status s = Status::Internal("smtp: 550 \xe6\x9c\xaa\n next");
  BOOST_TEST(s.ToShortAscii(100) == "Internal: smtp: 550 ???? next");
  BOOST_TEST(s.ToShortAscii(8) == "Internal");
  BOOST_TEST(Status::Ok().ToShortAscii(255) == "OK");
}

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

BOOST_AUTO_TEST_CASE(headers_cannot_be_split) {
  Response r;
  r.Redirect("/next\r\nSet-Cookie: evil=1");
  std::string out = r.Serialize(false, Response::SecureCookies::kAuto);
  BOOST_TEST(out.find("Status: 303 See Other") == 0u);
  BOOST_TEST(out.find("Location: /nextSet-Cookie: evil=1\r\n") !=
             std::string::npos);
  BOOST_TEST(out.find("\r\nSet-Cookie: evil") == std::string::npos);
}

Status Ok(const Request&, Env*, Response* response) {
  response->SetHtml("fine");
  return Status::Ok();
}
Status Throws(const Request&, Env*, Response*) {
  throw std::runtime_error("boom");
}
Status Unavailable(const Request&, Env*, Response*) {
  return Status::Unavailable("database down");
}
Status ClearsThenRefuses(const Request&, Env*, Response* response) {
  response->SetCookie("fresh", "must-not-leak", "/p");
  response->ClearCookie("stale", "/p");
  return Status::Forbidden("no flow");
}

struct Dispatch {
  Dispatch() : env(DefaultConfig()) {}
  static Config DefaultConfig() {
    Config c;
    BOOST_REQUIRE(ParseConfig("", "defaults", &c).ok());
    return c;
  }
  Response Run(PageHandler handler, const std::string& method,
               const std::string& body = "") {
    RawRequest raw;
    raw.params["REQUEST_METHOD"] = method;
    raw.params["CONTENT_TYPE"] = "application/x-www-form-urlencoded";
    raw.params["CONTENT_LENGTH"] = std::to_string(body.size());
    raw.body = body;
    env.SetLogSink([this](const std::string& line) { log += line + "\n"; });
    return HandleRawRequest({"test", {"GET", "POST"}, handler}, raw, &env);
  }
  ProcessEnv env;
  std::string log;
};

BOOST_AUTO_TEST_CASE(dispatch_turns_every_failure_into_a_japanese_page) {
  SetTemplatesDir(Dispatch::DefaultConfig().templates_dir);
  struct Case {
    const char* what;
    PageHandler handler;
    std::string method, body;
    int status;
    const char* text;
  } cases[] = {
      {"success", Ok, "GET", "", 200, "fine"},
      {"HEAD follows GET", Ok, "HEAD", "", 200, "fine"},
      {"exception", Throws, "GET", "", 500, "システムエラー"},
      {"database down", Unavailable, "GET", "", 503,
       "ただいまご利用いただけません"},
      {"unknown method", Ok, "DELETE", "", 405, "この操作はできません"},
      {"broken UTF-8", Ok, "POST", "a=%FF", 400,
       "リクエストが正しくありません"},
      {"oversized body", Ok, "POST", "a=" + std::string(20000, 'x'), 413,
       "送信内容が大きすぎます"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.what) {
      Dispatch d;
      Response r = d.Run(c.handler, c.method, c.body);
      BOOST_TEST(r.status() == c.status);
      BOOST_TEST(r.body().find(c.text) != std::string::npos);
      if (c.status != 200) {
        BOOST_TEST(r.body().find("トップページへ戻る") != std::string::npos);
        BOOST_TEST(r.body().find("boom") == std::string::npos);
        BOOST_TEST(!d.log.empty());
      }
      if (c.status == 405) BOOST_TEST(r.Header("Allow") == "GET, POST");
    }
  }
}

BOOST_AUTO_TEST_CASE(error_page_keeps_only_the_cookies_the_handler_cleared) {
  SetTemplatesDir(Dispatch::DefaultConfig().templates_dir);
  Dispatch d;
  Response r = d.Run(ClearsThenRefuses, "GET");
  BOOST_TEST(r.status() == 403);
  const std::string out = r.Serialize(false, Response::SecureCookies::kAuto);
  BOOST_TEST(out.find("Set-Cookie: stale=; Path=/p") != std::string::npos);
  BOOST_TEST(out.find("Max-Age=0") != std::string::npos);
  BOOST_TEST(out.find("must-not-leak") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
