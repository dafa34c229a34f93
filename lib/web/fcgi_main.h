// The loop every page executable runs: FastCGI under spawn-fcgi, or one
// request in CGI mode when stdin is not a socket (so a test can run a page
// binary directly).
#ifndef PASSWD_LIB_WEB_FCGI_MAIN_H_
#define PASSWD_LIB_WEB_FCGI_MAIN_H_

#include <string>
#include <vector>

#include "base/env.h"
#include "base/status.h"
#include "web/request.h"
#include "web/response.h"

namespace passwd {

// A page's handler: parse, check, act, render into `response`. A non-OK
// status becomes the matching error page.
using PageHandler = Status (*)(const Request& request, Env* env,
                               Response* response);

// One page executable: its name, the methods it takes and its handler.
struct PageSpec {
  std::string name;                  // for logs, e.g. "index"
  std::vector<std::string> methods;  // e.g. {"GET", "POST"}; HEAD follows GET
  PageHandler handler;
  DbAccount db_account = DbAccount::kPages;  // the console's pages: kConsole
  // False for a page that never reads the database (the top page): its
  // requests never wait, so it runs no more threads than the process may
  // use CPUs, page_threads at most; more would only preempt each other in
  // the middle of requests (docs/performance.md, "How the pages are served").
  bool uses_database = true;
};

// Turns one raw request into a response: parses it, checks the method, runs
// the handler and renders an error page for any failure, exception included.
Response HandleRawRequest(const PageSpec& spec, const RawRequest& raw,
                          Env* env);

// Runs the page until the process is stopped; returns the exit status.
int RunPage(const PageSpec& spec);

}  // namespace passwd

#endif  // PASSWD_LIB_WEB_FCGI_MAIN_H_
