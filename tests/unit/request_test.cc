// The request parser: query, form, cookies, percent-decoding, the size cap
// and broken UTF-8.
#include "web/request.h"

#include "base/text.h"

#include <boost/test/unit_test.hpp>

namespace passwd {
namespace {

RawRequest Raw(const std::string& method, const std::string& query,
               const std::string& body = "",
               const std::string& type = "application/x-www-form-urlencoded") {
  RawRequest raw;
  raw.params["REQUEST_METHOD"] = method;
  raw.params["QUERY_STRING"] = query;
  raw.params["DOCUMENT_URI"] = "/cgi-open-bin/passwd/send_id";
  raw.params["REMOTE_ADDR"] = "192.0.2.7";
  raw.params["REQUEST_ID"] = "abc123";
  if (!body.empty()) {
    raw.params["CONTENT_TYPE"] = type;
    raw.params["CONTENT_LENGTH"] = std::to_string(body.size());
  }
  raw.body = body;
  return raw;
}

BOOST_AUTO_TEST_SUITE(request)

BOOST_AUTO_TEST_CASE(reads_cgi_parameters) {
  Request r;
  BOOST_REQUIRE(Request::Parse(Raw("GET", ""), 1024, false, &r).ok());
  BOOST_TEST(r.method() == "GET");
  BOOST_TEST(r.path() == "/cgi-open-bin/passwd/send_id");
  BOOST_TEST(r.client_address() == "192.0.2.7");
  BOOST_TEST(r.request_id() == "abc123");
  BOOST_TEST(!r.https());
}

BOOST_AUTO_TEST_CASE(decodes_query_and_form_fields) {
  struct Case {
    std::string encoded, name, want;
  } cases[] = {
      {"id=umin101-test", "id", "umin101-test"},
      {"id=a+b", "id", "a b"},
      {"id=%E5%B1%B1%E7%94%B0", "id", "山田"},
      {"a=1&id=%2B%26%3D", "id", "+&="},
      {"id=", "id", ""},
      {"id", "id", ""},
      {"&&id=x&&", "id", "x"},
      {"id=first&id=second", "id", "first"},
      {"other=1", "id", ""},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.encoded) {
      Request q;
      BOOST_REQUIRE(
          Request::Parse(Raw("GET", c.encoded), 1024, false, &q).ok());
      BOOST_TEST(q.Query(c.name) == c.want);
      Request f;
      BOOST_REQUIRE(
          Request::Parse(Raw("POST", "", c.encoded), 1024, false, &f).ok());
      BOOST_TEST(f.Form(c.name) == c.want);
    }
  }
}

BOOST_AUTO_TEST_CASE(refuses_malformed_input) {
  struct Case {
    std::string what, query, body;
    Status::Code want;
  } cases[] = {
      {"truncated escape", "id=%E", "", Status::Code::kInvalidInput},
      {"bad hex", "id=%zz", "", Status::Code::kInvalidInput},
      {"lone continuation byte", "id=%80", "", Status::Code::kInvalidInput},
      {"overlong slash", "id=%C0%AF", "", Status::Code::kInvalidInput},
      {"surrogate", "id=%ED%A0%80", "", Status::Code::kInvalidInput},
      {"truncated sequence", "id=%E5%B1", "", Status::Code::kInvalidInput},
      {"NUL byte", "id=a%00b", "", Status::Code::kInvalidInput},
      {"broken UTF-8 in body", "", "id=%FF", Status::Code::kInvalidInput},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.what) {
      Request r;
      Status s =
          Request::Parse(Raw(c.body.empty() ? "GET" : "POST", c.query, c.body),
                         1024, false, &r);
      BOOST_TEST(!s.ok());
      BOOST_TEST(static_cast<int>(s.code()) == static_cast<int>(c.want));
    }
  }
}

BOOST_AUTO_TEST_CASE(caps_the_body) {
  std::string body = "id=" + std::string(100, 'a');
  Request r;
  BOOST_TEST(Request::Parse(Raw("POST", "", body), 1024, false, &r).ok());
  Status s = Request::Parse(Raw("POST", "", body), 50, false, &r);
  BOOST_TEST(s.HttpStatus() == 413);

  RawRequest truncated = Raw("POST", "", "id=x");
  truncated.body_truncated = true;
  BOOST_TEST(Request::Parse(truncated, 1024, false, &r).HttpStatus() == 413);

  RawRequest lying = Raw("POST", "", "id=x");
  lying.params["CONTENT_LENGTH"] = "999999";
  BOOST_TEST(Request::Parse(lying, 1024, false, &r).HttpStatus() == 413);

  RawRequest negative = Raw("POST", "", "id=x");
  negative.params["CONTENT_LENGTH"] = "-1";
  BOOST_TEST(Request::Parse(negative, 1024, false, &r).HttpStatus() == 400);
}

BOOST_AUTO_TEST_CASE(refuses_other_content_types) {
  Request r;
  Status s = Request::Parse(Raw("POST", "", "{\"id\":1}", "application/json"),
                            1024, false, &r);
  BOOST_TEST(s.HttpStatus() == 400);
  BOOST_TEST(
      Request::Parse(Raw("POST", "", "id=1",
                         "application/x-www-form-urlencoded; charset=UTF-8"),
                     1024, false, &r)
          .ok());
}

BOOST_AUTO_TEST_CASE(parses_cookies_and_skips_junk) {
  struct Case {
    std::string header, name, want;
  } cases[] = {
      {"flow=abc", "flow", "abc"},
      {"a=1; flow=abc; b=2", "flow", "abc"},
      {"  flow=abc  ;", "flow", "abc"},
      {"flow=\"quoted\"", "flow", "quoted"},
      {"junk; =nothing; flow=ok", "flow", "ok"},
      {"flow=%FF%FE", "flow", "%FF%FE"},
      {"bad=\xff\xfe; flow=ok", "flow", "ok"},
      {"bad=\xff\xfe", "bad", ""},
      {"", "flow", ""},
      {";;;", "flow", ""},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.header) {
      RawRequest raw = Raw("GET", "");
      raw.params["HTTP_COOKIE"] = c.header;
      Request r;
      BOOST_REQUIRE(Request::Parse(raw, 1024, false, &r).ok());
      BOOST_TEST(r.Cookie(c.name) == c.want);
    }
  }
}

// A site cookie sent twice was planted to shadow ours (from another host of
// the site, or for another path): refused. Other names may repeat.
BOOST_AUTO_TEST_CASE(refuses_a_site_cookie_sent_twice) {
  struct Case {
    std::string header;
    bool secure;
    bool ok;
    std::string flow;  // the passwd_flow the page reads when ok
  } cases[] = {
      {"passwd_flow=a; passwd_flow=b", false, false, ""},
      {"passwd_admin=a; x=1; passwd_admin=b", false, false, ""},
      {"passwd_csrf=a;passwd_csrf=a", false, false, ""},
      {"passwd_admin_csrf=a; passwd_admin_csrf=b", false, false, ""},
      {"passwd_receipt=a; passwd_receipt=b", false, false, ""},
      {"__Host-passwd_flow=a; __Host-passwd_flow=b", true, false, ""},
      {"__Host-passwd_admin=a; __Host-passwd_admin=b", true, false, ""},
      // Names the site does not read may repeat: other applications of the
      // site may set them at two paths.
      {"_ga=1; _ga=2; passwd_flow=f", false, true, "f"},
      // Over TLS only the __Host- names are read; a plain one (a cookie of
      // before the switch, or a planted one) is ignored, twice or not.
      {"passwd_flow=a; passwd_flow=b; __Host-passwd_flow=f", true, true, "f"},
      {"passwd_flow=a; __Host-passwd_flow=f", true, true, "f"},
      {"passwd_flow=a", true, true, ""},
      // Over plain HTTP the __Host- names are never read.
      {"__Host-passwd_flow=a; __Host-passwd_flow=b; passwd_flow=f", false, true,
       "f"},
      {"__Host-passwd_flow=a", false, true, ""},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.header << (c.secure ? " (TLS)" : "")) {
      RawRequest raw = Raw("GET", "");
      raw.params["HTTP_COOKIE"] = c.header;
      Request r;
      Status s = Request::Parse(raw, 1024, c.secure, &r);
      BOOST_TEST(s.ok() == c.ok);
      if (c.ok) {
        BOOST_TEST(r.Cookie("passwd_flow") == c.flow);
      } else {
        BOOST_TEST(s.HttpStatus() == 400);
        // The value is a secret (a flow or session token): never in the
        // status, which is logged.
        BOOST_TEST(s.ToString().find("=a") == std::string::npos);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(validates_utf8_text) {
  BOOST_TEST(IsValidUtf8Text("山田 太郎\tABC\r\n"));
  BOOST_TEST(IsValidUtf8Text("\xF0\x9F\x8F\xA0"));   // U+1F3E0
  BOOST_TEST(!IsValidUtf8Text("\xF4\x90\x80\x80"));  // past U+10FFFF
  BOOST_TEST(!IsValidUtf8Text(std::string("a\0b", 3)));
  BOOST_TEST(!IsValidUtf8Text("\x1b[31m"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
