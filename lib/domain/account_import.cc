#include "domain/account_import.h"

#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "base/date.h"
#include "base/text.h"
#include "domain/identity.h"
#include "domain/mail_address.h"
#include "domain/umin_id.h"

namespace passwd {
namespace {

constexpr char kUtf8ByteOrderMark[] = "\xEF\xBB\xBF";
// A value quoted in a problem is cut here, so a pasted essay stays short.
constexpr size_t kQuotedChars = 40;

const char* const kGenders[] = {"male", "female"};
// The accounts table's category ENUM (sql/001_schema.sql).
const char* const kCategories[] = {"individual", "role", "business", "admin",
                                   "group"};
// The states a file may give; "removed" is what --full writes.
const char* const kFileStatuses[] = {"active", "disabled"};

auto Fields(const AccountRecord& r) {
  return std::tie(r.umin_id, r.family_name, r.given_name, r.family_reading,
                  r.given_reading, r.gender, r.birth_date, r.category,
                  r.external_mail, r.status);
}

// The field of `record` that holds column `column` (kAccountColumns order).
std::string* FieldOf(AccountRecord* r, size_t column) {
  std::string* fields[kAccountColumnCount] = {
      &r->umin_id,       &r->family_name, &r->given_name, &r->family_reading,
      &r->given_reading, &r->gender,      &r->birth_date, &r->category,
      &r->external_mail, &r->status};
  return fields[column];
}

template <size_t N>
bool OneOf(const char* const (&values)[N], const std::string& value) {
  for (const char* v : values) {
    if (value == v) return true;
  }
  return false;
}

template <size_t N>
std::string Listed(const char* const (&values)[N]) {
  std::string out;
  for (const char* v : values)
    out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

std::string Quoted(const std::string& value) {
  std::string cut = Utf8Prefix(value, kQuotedChars);
  return "\"" + cut + (cut.size() < value.size() ? "...\"" : "\"");
}

// Splits `text` at `sep`; "" gives one empty field.
std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t end = text.find(sep, start);
    if (end == std::string::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

// The problem of a name (`column` names it), or "".
std::string NameProblem(const char* column, const std::string& value,
                        bool reading) {
  if (Utf8Length(value) > kMaxNameChars) {
    return std::string(column) + " is longer than 64 characters";
  }
  std::string normalised;
  if (reading) {
    if (!NormalizeReading(value, &normalised).ok()) {
      return std::string(column) + " is empty or not kana";
    }
  } else if (!NormalizeName(value, &normalised).ok()) {
    return std::string(column) + " is empty or holds a control character";
  }
  return "";
}

// Reads the header into `order` (file position -> column); false with
// problems on line 1 when a column is unknown, repeated or missing.
bool ParseHeader(const std::string& line, std::vector<size_t>* order,
                 std::vector<ImportProblem>* problems) {
  bool seen[kAccountColumnCount] = {};
  bool ok = true;
  for (const std::string& name : Split(line, '\t')) {
    size_t column = 0;
    while (column < kAccountColumnCount && name != kAccountColumns[column]) {
      ++column;
    }
    if (column == kAccountColumnCount) {
      problems->push_back({1, "unknown column " + Quoted(name)});
      ok = false;
    } else if (seen[column]) {
      problems->push_back({1, "column " + Quoted(name) + " appears twice"});
      ok = false;
    } else {
      seen[column] = true;
    }
    order->push_back(column);
  }
  for (size_t column = 0; column < kAccountColumnCount; ++column) {
    if (!seen[column]) {
      problems->push_back(
          {1, "missing column " + Quoted(kAccountColumns[column])});
      ok = false;
    }
  }
  return ok;
}

// Reads data line `number`; false with its problems when it is bad.
bool ParseLine(const std::string& line, size_t number,
               const std::vector<size_t>& order, AccountRecord* record,
               std::vector<ImportProblem>* problems) {
  if (!IsValidUtf8Text(line)) {
    problems->push_back({number, "not valid UTF-8 text"});
    return false;
  }
  std::vector<std::string> fields = Split(line, '\t');
  if (fields.size() != order.size()) {
    problems->push_back({number, std::to_string(fields.size()) +
                                     " fields, the header has " +
                                     std::to_string(order.size())});
    return false;
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    *FieldOf(record, order[i]) = std::move(fields[i]);
  }
  std::vector<std::string> reasons = AccountRecordProblems(*record);
  for (auto& reason : reasons) problems->push_back({number, std::move(reason)});
  return reasons.empty();
}

}  // namespace

const char* const kAccountColumns[kAccountColumnCount] = {
    "umin_id", "family_name", "given_name", "family_reading", "given_reading",
    "gender",  "birth_date",  "category",   "external_mail",  "status"};

bool operator==(const AccountRecord& a, const AccountRecord& b) {
  return Fields(a) == Fields(b);
}

bool operator!=(const AccountRecord& a, const AccountRecord& b) {
  return !(a == b);
}

std::vector<std::string> AccountRecordProblems(const AccountRecord& r) {
  std::vector<std::string> problems;
  UminIdResult id = NormalizeUminId(r.umin_id);
  if (id.outcome != UminIdOutcome::kOk || id.id != r.umin_id) {
    problems.push_back("umin_id " + Quoted(r.umin_id) +
                       " is not a UMIN ID (lower-case letters and digits "
                       "around a hyphen, 3 to 32 characters)");
  }
  for (const std::string& p :
       {NameProblem("family_name", r.family_name, false),
        NameProblem("given_name", r.given_name, false),
        NameProblem("family_reading", r.family_reading, true),
        NameProblem("given_reading", r.given_reading, true)}) {
    if (!p.empty()) problems.push_back(p);
  }
  if (!OneOf(kGenders, r.gender)) {
    problems.push_back("gender " + Quoted(r.gender) + " is not one of " +
                       Listed(kGenders));
  }
  // Any day from 1900 on (identity's rule for a birth date, against a far
  // future "today"), spelled exactly as the table gives it back.
  Date date;
  if (!ParseBirthDate(r.birth_date, Date{9999, 12, 31}, &date).ok() ||
      FormatDate(date) != r.birth_date) {
    problems.push_back("birth_date " + Quoted(r.birth_date) +
                       " is not a real date from 1900 on as yyyy-mm-dd");
  }
  if (!OneOf(kCategories, r.category)) {
    problems.push_back("category " + Quoted(r.category) + " is not one of " +
                       Listed(kCategories));
  }
  if (!r.external_mail.empty() && !ValidateMailAddress(r.external_mail).ok()) {
    problems.push_back("external_mail " + Quoted(r.external_mail) +
                       " is not a valid mail address");
  }
  if (!OneOf(kFileStatuses, r.status)) {
    problems.push_back("status " + Quoted(r.status) + " is not one of " +
                       Listed(kFileStatuses));
  }
  return problems;
}

AccountFile ParseAccountFile(const std::string& text) {
  AccountFile file;
  std::vector<std::string> lines = Split(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  for (auto& line : lines) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
  }
  if (!lines.empty() && lines[0].compare(0, 3, kUtf8ByteOrderMark) == 0) {
    lines[0].erase(0, 3);
  }
  if (lines.empty() || lines[0].empty()) {
    file.problems.push_back({1, "no header line naming the columns"});
    file.refused_lines = 1;
    return file;
  }
  std::vector<size_t> order;
  if (!ParseHeader(lines[0], &order, &file.problems)) {
    file.refused_lines = 1;
    return file;
  }
  std::unordered_map<std::string, size_t> first_line;  // UMIN ID -> line
  file.records.reserve(lines.size() - 1);
  for (size_t i = 1; i < lines.size(); ++i) {
    const size_t number = i + 1;
    AccountRecord record;
    bool good = ParseLine(lines[i], number, order, &record, &file.problems);
    auto [seen, added] = first_line.emplace(record.umin_id, number);
    if (!added && !record.umin_id.empty()) {
      file.problems.push_back(
          {number, "umin_id " + Quoted(record.umin_id) + " is on line " +
                       std::to_string(seen->second) + " already"});
      good = false;
    }
    if (good) {
      file.records.push_back(std::move(record));
    } else {
      ++file.refused_lines;
      if (!record.umin_id.empty()) file.refused_ids.push_back(record.umin_id);
    }
  }
  return file;
}

std::string FormatImportCounts(const ImportCounts& c) {
  return "new=" + std::to_string(c.added) +
         " changed=" + std::to_string(c.changed) +
         " removed=" + std::to_string(c.removed) +
         " unchanged=" + std::to_string(c.unchanged) +
         " refused=" + std::to_string(c.refused);
}

ImportPlan PlanAccountImport(const AccountFile& file,
                             const std::vector<AccountRecord>& stored,
                             bool full) {
  ImportPlan plan;
  plan.counts.refused = file.refused_lines;
  std::unordered_map<std::string, const AccountRecord*> by_id;
  by_id.reserve(stored.size());
  for (const auto& account : stored) by_id.emplace(account.umin_id, &account);
  plan.writes.reserve(file.records.size());
  std::unordered_set<std::string> in_file;
  in_file.reserve(file.records.size() + file.refused_ids.size());
  for (const auto& record : file.records) {
    in_file.insert(record.umin_id);
    auto found = by_id.find(record.umin_id);
    if (found == by_id.end()) {
      ++plan.counts.added;
      plan.writes.push_back(&record);
    } else if (*found->second != record) {
      ++plan.counts.changed;
      plan.writes.push_back(&record);
      if (found->second->status == "active" && record.status != "active") {
        plan.deactivated.push_back(record.umin_id);
      }
    } else {
      ++plan.counts.unchanged;
    }
  }
  if (!full) return plan;
  in_file.insert(file.refused_ids.begin(), file.refused_ids.end());
  for (const auto& account : stored) {
    if (account.status == "removed" || in_file.count(account.umin_id)) {
      continue;
    }
    ++plan.counts.removed;
    plan.removals.push_back(account.umin_id);
    if (account.status == "active") plan.deactivated.push_back(account.umin_id);
  }
  return plan;
}

}  // namespace passwd
