// Prepares the flows make bench's POST lines consume, through the library's
// own functions (never SQL of its own: the tables belong to store/ and
// flow/, docs/design.md "table owners"):
//
//   bench_seed codes    FIRST COUNT   one code_sent flow for each of the
//                                     accounts bench-FIRST .. FIRST+COUNT-1;
//                                     prints "flow-token access-code" lines
//   bench_seed verified FIRST COUNT   the same, then the right code entered
//                                     (CheckAccessCode): prints the verified
//                                     flow's (rotated) token, one a line
//   bench_seed notme    FIRST COUNT   a "not me" link for each account
//                                     (CreateNotMeLink): prints its URL's
//                                     path and query, one a line
//   bench_seed operatorlink FIRST COUNT  an operator's one-time link for each
//                                     account, answering a request of its
//                                     own, sent by the operator
//                                     "bench-operator" (made unless there,
//                                     with a hash no password matches):
//                                     prints the link's path and query
//
// The accounts (UMIN IDs "bnNNNNNN-bench") must exist (scripts/bench imports
// them with umin-passwdctl import-accounts). The code of a flow is what
// IssueAccessCode drew: the Env below records the random bytes it hands out
// and GenerateAccessCode is replayed on them. Configuration from
// PASSWD_CONFIG, as every tool. Issuing a code voids the account's earlier
// flows and queues its mail, as a page would.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <optional>
#include <utility>
#include <vector>

#include "base/caller.h"
#include "base/catalogue.h"
#include "base/config.h"
#include "base/crypto.h"
#include "base/env.h"
#include "domain/access_code.h"
#include "domain/operator_request.h"
#include "flow/not_me.h"
#include "flow/reset_flow.h"
#include "store/accounts.h"
#include "store/operator_links.h"
#include "store/operator_requests.h"
#include "store/operators.h"

namespace passwd {
namespace {

// The process's Env, recording every RandomBytes answer.
class RecordingEnv : public Env {
 public:
  explicit RecordingEnv(Config config) : inner_(std::move(config)) {}
  const Config& config() const override { return inner_.config(); }
  Database* db() override { return inner_.db(); }
  std::chrono::system_clock::time_point Now() override { return inner_.Now(); }
  Status RandomBytes(size_t n, std::string* out) override {
    Status s = inner_.RandomBytes(n, out);
    if (s.ok()) drawn_.push_back(*out);
    return s;
  }
  void Log(const std::string& line) override { inner_.Log(line); }
  std::vector<std::string>* drawn() { return &drawn_; }

 private:
  ProcessEnv inner_;
  std::vector<std::string> drawn_;
};

std::string BenchId(long n) {
  char id[32];
  std::snprintf(id, sizeof id, "bn%06ld-bench", n);
  return id;
}

// The code IssueAccessCode drew from `drawn`: every draw but the last (the
// flow token's) went to GenerateAccessCode, which is replayed on them.
Status ReplayCode(const std::vector<std::string>& drawn, std::string* code) {
  if (drawn.size() < 2) return Status::Internal("unexpected random draws");
  size_t next = 0;
  return GenerateAccessCode(
      [&](size_t n, std::string* out) {
        if (next + 1 >= drawn.size() || drawn[next].size() != n) {
          return Status::Internal("replay out of step");
        }
        *out = drawn[next++];
        return Status::Ok();
      },
      code);
}

struct Seeded {
  std::string token, code;
};

// The "not me" links of accounts FIRST .. FIRST+COUNT-1, one transaction.
int NotMeLinks(RecordingEnv* env, long first, long count) {
  std::vector<std::string> urls;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    urls.clear();
    for (long n = first; n < first + count; ++n) {
      std::string url;
      Status t = CreateNotMeLink(env, session, BenchId(n), &url);
      if (!t.ok()) return t;
      urls.push_back(url);
    }
    return Status::Ok();
  });
  if (!s.ok()) {
    std::fprintf(stderr, "bench_seed: %s\n", s.message().c_str());
    return 1;
  }
  for (const std::string& url : urls) {
    const size_t path = url.find("/cgi-open-bin/");
    std::printf("%s\n", url.substr(path == std::string::npos ? 0 : path).c_str());
  }
  return std::fflush(stdout) == 0 ? 0 : 1;
}

// Operator links of accounts FIRST .. FIRST+COUNT-1, one transaction, made
// as the console's "send a link" action makes them (request_actions.cc).
int OperatorLinks(RecordingEnv* env, long first, long count) {
  static const char kOperator[] = "bench-operator";
  std::vector<std::string> tokens;
  Status s = env->db()->Transaction([&](SqlSession* session) {
    tokens.clear();
    const auto now = env->Now();
    std::optional<OperatorAccount> op;
    Status t = FindOperatorForUpdate(session, kOperator, &op);
    if (t.ok() && !op) {
      // "!" is no hash any password verifies against: nobody logs in as it.
      t = SaveOperator(session, kOperator, "make bench", "!", now);
      if (t.ok()) t = FindOperatorForUpdate(session, kOperator, &op);
    }
    if (!t.ok()) return t;
    if (!op) return Status::Internal("no bench operator");
    for (long n = first; n < first + count; ++n) {
      NewOperatorRequest request;
      request.umin_id = BenchId(n);
      request.family_name = "bench";
      request.given_name = "bench";
      request.contact_mail = "bench-link@example.org";
      request.message = "make bench";
      std::string receipt;
      int64_t request_id = 0;
      t = SubmitOperatorRequest(env, session, request, "127.0.0.1", &receipt,
                                &request_id);
      std::string bytes;
      if (t.ok()) t = env->RandomBytes(32, &bytes);
      if (!t.ok()) return t;
      const std::string token = Base64UrlEncode(bytes);
      t = CreateOperatorLink(session, token, request_id, BenchId(n), op->id,
                             now, now + std::chrono::hours(24));
      if (!t.ok()) return t;
      tokens.push_back(token);
    }
    return Status::Ok();
  });
  if (!s.ok()) {
    std::fprintf(stderr, "bench_seed: %s\n", s.message().c_str());
    return 1;
  }
  for (const std::string& token : tokens) {
    std::printf("/cgi-open-bin/passwd/operator_link?t=%s\n", token.c_str());
  }
  return std::fflush(stdout) == 0 ? 0 : 1;
}

int Run(const std::string& what, long first, long count) {
  Config config;
  Status s = LoadConfigFromEnvironment(&config);
  // The mails a code request queues are worded from the catalogues.
  if (s.ok()) s = LoadCatalogues(config.catalogue_dir, "");
  if (!s.ok()) {
    std::fprintf(stderr, "bench_seed: %s\n", s.message().c_str());
    return 1;
  }
  RecordingEnv env(config);
  if (what == "notme") return NotMeLinks(&env, first, count);
  if (what == "operatorlink") return OperatorLinks(&env, first, count);
  const bool verify = what == "verified";
  const Caller caller = {"", "bench_seed"};
  const long kBatch = 200;  // flows per transaction
  for (long start = first; start < first + count; start += kBatch) {
    const long end = std::min(first + count, start + kBatch);
    std::vector<Seeded> seeded;
    s = env.db()->Transaction([&](SqlSession* session) {
      seeded.clear();
      for (long n = start; n < end; ++n) {
        std::optional<Account> account;
        Status t = FindAccount(session, BenchId(n), /*for_update=*/true, &account);
        if (!t.ok()) return t;
        if (!account) return Status::NotFound("no account " + BenchId(n));
        env.drawn()->clear();
        Seeded one;
        RateEventBatch events;
        t = IssueAccessCode(&env, session, caller, *account, "id", &events,
                            &one.token);
        if (t.ok()) t = events.Record(session);
        if (!t.ok()) return t;
        t = ReplayCode(*env.drawn(), &one.code);
        if (!t.ok()) return t;
        seeded.push_back(one);
      }
      return Status::Ok();
    });
    if (s.ok() && verify) {
      s = env.db()->Transaction([&](SqlSession* session) {
        for (Seeded& one : seeded) {
          CodeCheck check;
          Status t = CheckAccessCode(&env, session, caller, one.token, one.code, &check);
          if (!t.ok()) return t;
          if (check.outcome != CodeOutcome::kVerified) {
            return Status::Internal("a seeded code was not accepted");
          }
          one.token = check.new_token;
        }
        return Status::Ok();
      });
    }
    if (!s.ok()) {
      std::fprintf(stderr, "bench_seed: %s\n", s.message().c_str());
      return 1;
    }
    for (const Seeded& one : seeded) {
      if (verify) {
        std::printf("%s\n", one.token.c_str());
      } else {
        std::printf("%s %s\n", one.token.c_str(), one.code.c_str());
      }
    }
  }
  return std::fflush(stdout) == 0 ? 0 : 1;
}

}  // namespace
}  // namespace passwd

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr,
                 "usage: bench_seed codes|verified|notme|operatorlink FIRST "
                 "COUNT\n");
    return 2;
  }
  const std::string what = argv[1];
  const long first = std::strtol(argv[2], nullptr, 10);
  const long count = std::strtol(argv[3], nullptr, 10);
  if ((what != "codes" && what != "verified" && what != "notme" &&
       what != "operatorlink") ||
      first < 0 || count < 0) {
    std::fprintf(stderr,
                 "usage: bench_seed codes|verified|notme|operatorlink FIRST "
                 "COUNT\n");
    return 2;
  }
  return passwd::Run(what, first, count);
}
