#include "web/fcgi_main.h"

#include <fastcgi.h>
#include <fcgiapp.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <iostream>
#include <thread>
#include <vector>

#include "base/catalogue.h"
#include "base/crypto.h"
#include "base/log_line.h"
#include "base/paths.h"
#include "web/fcgi_dispatcher.h"
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

// A year: the language cookie is a lasting preference.
constexpr long kLangCookieSeconds = 365L * 24 * 3600;

// The 日本語 / English link (web/page.h): a GET with lang=ja or lang=en
// sets the language cookie and returns to the same page without lang, so
// the flow's cookies and the page's own query (a mailed link's token
// included) are kept and a reload does not switch again. True when
// `request` was such a link and `response` holds the answer.
bool AnswerLangSwitch(const Request& request, Response* response) {
  if (request.IsPost() || request.query().count("lang") == 0) return false;
  Lang lang = Lang::kJa;
  if (ParseLang(request.Query("lang"), &lang)) {
    response->SetPreferenceCookie(kLangCookie, LangCode(lang), kLangCookiePath,
                                  kLangCookieSeconds);
  }
  response->Redirect(PageLangOf(request).here);
  return true;
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
  const bool console = spec.db_account == DbAccount::kConsole;
  if (console) request.set_lang(Lang::kJa);
  if (s.ok() && !MethodAllowed(spec, request.method())) {
    s = Status::MethodNotAllowed(request.method());
    response.SetHeader("Allow", JoinMethods(spec));
  }
  if (s.ok() && !console && AnswerLangSwitch(request, &response)) {
    return response;
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
    PageLang where = PageLangOf(request);
    // The console's error pages stay Japanese, without the language link.
    if (console) where = {Lang::kJa, "", false};
    RenderErrorPage(config, where, s.HttpStatus(), "", &error);
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

// Answers the FastCGI requests of the connections `dispatcher` hands over,
// with its own Env (and so its own database connection), until the process
// is stopped.
void ServeConnections(const PageSpec& spec, const Config& config,
                      FcgiDispatcher* dispatcher) {
  ProcessEnv env(config);
  FCGX_Request fcgi;
  // No listening socket of its own: a connection libfcgi finds closed makes
  // FCGX_Accept_r fail instead of accepting another one.
  FCGX_InitRequest(&fcgi, -1, 0);
  for (;;) {
    // libfcgi reads the request from the connection in ipcFd; keepConnection
    // set keeps FCGX_Accept_r's opening FCGX_Finish_r from closing it. It
    // sets keepConnection again from the request's FCGI_KEEP_CONN flag.
    fcgi.ipcFd = dispatcher->Next();
    if (fcgi.ipcFd < 0) break;
    fcgi.keepConnection = 1;
    if (FCGX_Accept_r(&fcgi) < 0) {
      // nginx closed the connection (libfcgi closed it too).
      dispatcher->Closed();
      continue;
    }
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
    Response response = HandleRawRequest(spec, raw, &env);
    std::string bytes = response.Serialize(raw.params["HTTPS"] == "on",
                                           SecureCookiesFrom(config));
    FCGX_PutStr(bytes.data(), static_cast<int>(bytes.size()), fcgi.out);
    if (raw.body_truncated) {
      // What is left of an oversized body would be read as the start of
      // the connection's next request: end the connection instead.
      fcgi.keepConnection = 0;
    }
    FCGX_Finish_r(&fcgi);
    if (fcgi.ipcFd >= 0) {
      dispatcher->Keep(fcgi.ipcFd);
      fcgi.ipcFd = -1;
    } else {
      dispatcher->Closed();
    }
  }
}

// The CPUs the process may run on (its affinity mask), at least 1.
long UsableCpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) return 1;
  return std::max(CPU_COUNT(&set), 1);
}

FcgiDispatcher* g_dispatcher = nullptr;  // for the signal handler only

// SIGTERM (systemd) or SIGUSR1 (multiwatch's "graceful" signal, libfcgi's
// too): finish the requests in hand, then exit.
void StopServing(int) {
  if (g_dispatcher) g_dispatcher->Stop();
}

// Answers FastCGI requests on page_threads threads until SIGTERM or SIGUSR1;
// returns the process's exit status.
int ServeFastCgi(const PageSpec& spec, const Config& config) {
  FCGX_Init();
  // Connector/C++'s driver initialises the client library; once, before the
  // threads open their connections.
  InitDatabaseDriver();
  FcgiDispatcher dispatcher(FCGI_LISTENSOCK_FILENO);
  if (!dispatcher.ok()) {
    std::fprintf(stderr, "%s\n",
                 FormatLogLine({{"level", "error"},
                                {"event", "epoll_failed"},
                                {"page", spec.name},
                                {"detail", std::strerror(errno)}})
                     .c_str());
    return 1;
  }
  // Replaces the handlers FCGX_Init installed, which only mark a shutdown
  // for the next accept(): the threads wait in epoll_wait instead.
  g_dispatcher = &dispatcher;
  struct sigaction stop {};
  stop.sa_handler = StopServing;
  // A thread reading a request when the signal comes goes on reading.
  stop.sa_flags = SA_RESTART;
  sigemptyset(&stop.sa_mask);
  sigaction(SIGTERM, &stop, nullptr);
  sigaction(SIGUSR1, &stop, nullptr);
  const long threads = spec.uses_database
                            ? config.page_threads
                            : std::min(config.page_threads, UsableCpus());
  std::vector<std::thread> workers;
  for (long i = 1; i < threads; ++i) {
    workers.emplace_back(ServeConnections, std::cref(spec), std::cref(config),
                         &dispatcher);
  }
  ServeConnections(spec, config, &dispatcher);
  for (auto& worker : workers) worker.join();
  return 0;
}

}  // namespace

int RunPage(const PageSpec& spec) {
  signal(SIGPIPE, SIG_IGN);
  Config config;
  if (!LoadPageConfig(spec, &config)) return 1;
  UseDbAccount(spec.db_account, &config);
  SetTemplatesDir(config.templates_dir);
  Status loaded = LoadCatalogues(config.catalogue_dir, config.templates_dir);
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s\n",
                 FormatLogLine({{"level", "error"},
                                {"event", "catalogue_refused"},
                                {"page", spec.name},
                                {"detail", loaded.ToString()}})
                     .c_str());
    return 1;
  }
  if (!FCGX_IsCGI()) return ServeFastCgi(spec, config);
  ProcessEnv env(config);
  ServeCgiRequest(spec, config, &env);
  return 0;
}

}  // namespace passwd
