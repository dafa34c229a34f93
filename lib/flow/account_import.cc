#include "flow/account_import.h"

#include <fstream>
#include <iterator>

#include "base/caller.h"
#include "flow/reset_flow.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/operator_links.h"

namespace passwd {
namespace {

Status ReadWholeFile(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  text->assign(std::istreambuf_iterator<char>(in),
               std::istreambuf_iterator<char>());
  if (in.bad()) return Status::Internal("cannot read " + path);
  return Status::Ok();
}

// Writes `plan`: the accounts, the removals, and the end of the pending
// renewals and operator links of accounts that stop being active (their
// pages would otherwise find a flow without its account), audited once.
Status WritePlan(SqlSession* session, const ImportPlan& plan,
                 const ImportOptions& options,
                 std::chrono::system_clock::time_point now) {
  Status s = WriteAccountRecords(session, plan.writes, now);
  if (s.ok()) s = MarkAccountsRemoved(session, plan.removals, now);
  for (size_t i = 0; s.ok() && i < plan.deactivated.size(); ++i) {
    s = VoidPendingFlows(session, plan.deactivated[i], now);
    if (s.ok()) s = VoidOperatorLinks(session, plan.deactivated[i], now);
  }
  if (!s.ok()) return s;
  return AppendAudit(
      session, kAdministrationCommand, now,
      {"accounts_imported", "", "",
       FormatImportCounts(plan.counts) + (options.full ? " (full)" : "")});
}

}  // namespace

Status ImportAccountFile(Env* env, const std::string& path,
                         const ImportOptions& options, ImportResult* result) {
  *result = ImportResult{};
  std::string text;
  Status s = ReadWholeFile(path, &text);
  if (!s.ok()) return s;
  AccountFile file = ParseAccountFile(text);
  text.clear();
  // An empty file would make --full remove every account: surely a mistake.
  if (options.full && file.records.empty() && file.problems.empty()) {
    file.problems.push_back(
        {1, "the file holds no account, and --full would remove every one"});
    file.refused_lines = 1;
  }
  result->problems = file.problems;
  result->counts.refused = file.refused_lines;
  // Nothing to compare (a bad header, or every line bad).
  if (file.records.empty() && !file.problems.empty()) return Status::Ok();
  const bool write = !options.dry_run && file.problems.empty();
  const std::chrono::system_clock::time_point now = env->Now();
  return env->db()->Transaction([&](SqlSession* session) {
    std::vector<AccountRecord> stored;
    Status t = ReadAccountRecords(session, &stored);
    if (!t.ok()) return t;
    ImportPlan plan = PlanAccountImport(file, stored, options.full);
    result->counts = plan.counts;
    result->written = false;
    if (!write) return Status::Ok();
    t = WritePlan(session, plan, options, now);
    result->written = t.ok();
    return t;
  });
}

}  // namespace passwd
