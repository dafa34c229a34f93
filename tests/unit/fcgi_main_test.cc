// web/fcgi_main: the request dispatcher every page executable shares.
#include "web/fcgi_main.h"

#include <boost/test/unit_test.hpp>
#include <stdexcept>

#include "web/page.h"

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(fcgi_main)

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
  // The checkout's templates: the compiled-in folder is the installed one.
  SetTemplatesDir(std::string(PASSWD_SOURCE_DIR) + "/templates");
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
  SetTemplatesDir(std::string(PASSWD_SOURCE_DIR) + "/templates");
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
