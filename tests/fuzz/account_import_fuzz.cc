// The import file reader (domain/account_import: ParseAccountFile, the TSV
// reader behind umin-passwdctl import-accounts): never crashes or throws and
// is deterministic; every record it keeps passes AccountRecordProblems; the
// problems come in line order and a refused line has one; the kept records,
// written out again as a file, read back the same with no problem.
#include "domain/account_import.h"
#include "fuzz_support.h"

namespace {

std::string Write(const std::vector<passwd::AccountRecord>& records) {
  std::string out;
  for (size_t i = 0; i < passwd::kAccountColumnCount; ++i) {
    out += (i ? "\t" : "") + std::string(passwd::kAccountColumns[i]);
  }
  out += "\n";
  for (const passwd::AccountRecord& r : records) {
    out += r.umin_id + "\t" + r.family_name + "\t" + r.given_name + "\t" +
           r.family_reading + "\t" + r.given_reading + "\t" + r.gender + "\t" +
           r.birth_date + "\t" + r.category + "\t" + r.external_mail + "\t" +
           r.status + "\n";
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace passwd;
  const std::string text = passwd_fuzz::AsString(data, size);
  const AccountFile file = ParseAccountFile(text);
  const AccountFile again = ParseAccountFile(text);
  FUZZ_CHECK(file.records == again.records);
  FUZZ_CHECK(file.refused_ids == again.refused_ids);
  FUZZ_CHECK(file.problems.size() == again.problems.size());
  FUZZ_CHECK(file.refused_lines == again.refused_lines);
  FUZZ_CHECK(file.problems.empty() == (file.refused_lines == 0));
  FUZZ_CHECK(file.refused_lines <= file.problems.size());

  for (size_t i = 0; i < file.problems.size(); ++i) {
    FUZZ_CHECK(file.problems[i].line >= 1);
    FUZZ_CHECK(!file.problems[i].reason.empty());
    FUZZ_CHECK(file.problems[i].reason == again.problems[i].reason);
    if (i > 0) FUZZ_CHECK(file.problems[i - 1].line <= file.problems[i].line);
  }
  for (const AccountRecord& record : file.records) {
    FUZZ_CHECK(AccountRecordProblems(record).empty());
  }

  const AccountFile reread = ParseAccountFile(Write(file.records));
  FUZZ_CHECK(reread.problems.empty());
  FUZZ_CHECK(reread.records == file.records);
  return 0;
}
