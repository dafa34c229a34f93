#include "web/fcgi_main.h"

#include <fcgiapp.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>

#include "base/crypto.h"
#include "base/log_line.h"
#include "web/page.h"

extern char** environ;

namespace passwd {
namespace {

Response::SecureCookies SecureCookiesFrom(const Config& config) {
  if (config.cookie_secure == "always") return Response::SecureCookies::kAlways;
  if (config.cookie_secure == "never") return Response::SecureCookies::kNever;
  return Response::SecureCookies::kAuto;
}

bool MethodAllowed(const PageSpec& spec, const std::string& method) {
  for (const auto& m : spec.methods) {
    if (m == method || (m == "GET" && method == "HEAD")) return true;
  }
  return false;
}

std::string JoinMethods(const PageSpec& spec) {
  std::string out;
  for (const auto& m : spec.methods) {
    if (!out.empty()) out += ", ";
    out += m;
  }
  return out;
}

void FillParams(char** envp, RawRequest* raw) {
  for (char** p = envp; p && *p; ++p) {
    const char* eq = std::strchr(*p, '=');
    if (!eq) continue;
    raw->params.emplace(std::string(*p, eq - *p), std::string(eq + 1));
  }
}

// Reads at most `cap` + 1 bytes with `read`, marking anything past `cap`.
template <typename ReadFn>
void ReadBody(long cap, ReadFn read, RawRequest* raw) {
  std::string body;
  char buf[4096];
  while (static_cast<long>(body.size()) <= cap) {
    int n = read(buf, sizeof buf);
    if (n <= 0) break;
    body.append(buf, n);
  }
  if (static_cast<long>(body.size()) > cap) {
    raw->body_truncated = true;
    body.resize(cap);
  }
  raw->body = std::move(body);
}

}  // namespace

Response HandleRawRequest(const PageSpec& spec, const RawRequest& raw,
                          Env* env) {
  const Config& config = env->config();
  Request request;
  Response response;
  auto https = raw.params.find("HTTPS");
  const bool secure_cookies = Response::CookiesSecure(
      https != raw.params.end() && https->second == "on",
      SecureCookiesFrom(config));
  Status s =
      Request::Parse(raw, config.max_body_bytes, secure_cookies, &request);
  if (s.ok() && !MethodAllowed(spec, request.method())) {
    s = Status::MethodNotAllowed(request.method());
    response.SetHeader("Allow", JoinMethods(spec));
  }
  if (s.ok()) {
    try {
      s = spec.handler(request, env, &response);
    } catch (const std::exception& e) {
      s = Status::Internal(std::string("uncaught exception: ") + e.what());
    } catch (...) {
      s = Status::Internal("uncaught exception");
    }
  }
  if (!s.ok()) {
    // A refusal (4xx) is the page working as meant; a 5xx needs a look.
    const int http_status = s.HttpStatus();
    env->Log(FormatLogLine({{"level", http_status >= 500 ? "error" : "notice"},
                            {"event", "page_failed"},
                            {"page", spec.name},
                            {"request_id", request.request_id()},
                            {"outcome", std::to_string(http_status)},
                            {"detail", s.ToString()}}));
    Response error;
    error.KeepClearedCookiesOf(response);
    if (s.code() == Status::Code::kMethodNotAllowed) {
      error.SetHeader("Allow", JoinMethods(spec));
    }
    RenderErrorPage(config, s.HttpStatus(), "", &error);
    return error;
  }
  return response;
}

namespace {

// Loads and checks the configuration into `*config`; false, after one line
// on stderr saying why, when `umin-passwdctl check-config` would refuse it
// (the same judgement), so the page refuses to start rather than serve with
// a missing or guessable key.
bool LoadPageConfig(const PageSpec& spec, Config* config) {
  Status loaded = LoadCheckedConfigFromEnvironment(config);
  if (loaded.ok()) return true;
  std::fprintf(stderr, "%s\n",
               FormatLogLine({{"level", "error"},
                              {"event", "config_refused"},
                              {"page", spec.name},
                              {"detail", loaded.ToString()}})
                   .c_str());
  return false;
}

// Answers the one request of a CGI run (stdin is not a socket).
void ServeCgiRequest(const PageSpec& spec, const Config& config, Env* env) {
  RawRequest raw;
  FillParams(environ, &raw);
  ReadBody(
      config.max_body_bytes,
      [](char* buf, int size) {
        return static_cast<int>(::read(0, buf, size));
      },
      &raw);
  Response response = HandleRawRequest(spec, raw, env);
  std::cout << response.Serialize(raw.params["HTTPS"] == "on",
                                  SecureCookiesFrom(config));
}

// Answers FastCGI requests until the process is stopped.
void ServeFastCgi(const PageSpec& spec, const Config& config, ProcessEnv* env) {
  FCGX_Init();
  FCGX_Request fcgi;
  FCGX_InitRequest(&fcgi, 0, 0);
  while (FCGX_Accept_r(&fcgi) >= 0) {
    RawRequest raw;
    FillParams(fcgi.envp, &raw);
    ReadBody(
        config.max_body_bytes,
        [&fcgi](char* buf, int size) {
          return FCGX_GetStr(buf, size, fcgi.in);
        },
        &raw);
    // The page's log lines go to its own stderr (ProcessEnv::Log), never to
    // fcgi.err: nginx copies that stream into its error log together with
    // the request line, query string and a mailed link's token included.
    // The line's request_id names the access log's line (rid=).
    Response response = HandleRawRequest(spec, raw, env);
    std::string bytes = response.Serialize(raw.params["HTTPS"] == "on",
                                           SecureCookiesFrom(config));
    FCGX_PutStr(bytes.data(), static_cast<int>(bytes.size()), fcgi.out);
    FCGX_Finish_r(&fcgi);
  }
}

}  // namespace

int RunPage(const PageSpec& spec) {
  signal(SIGPIPE, SIG_IGN);
  Config config;
  if (!LoadPageConfig(spec, &config)) return 1;
  UseDbAccount(spec.db_account, &config);
  SetTemplatesDir(config.templates_dir);
  ProcessEnv env(config);
  if (FCGX_IsCGI()) {
    ServeCgiRequest(spec, config, &env);
  } else {
    ServeFastCgi(spec, config, &env);
  }
  return 0;
}

}  // namespace passwd
