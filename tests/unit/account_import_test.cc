// The registry's account file: the check of one record, the file's header
// and lines, and the plan against the stored accounts.
#include "domain/account_import.h"

#include <boost/test/unit_test.hpp>
#include <functional>
#include <string>
#include <vector>

namespace passwd {
namespace {

const char kHeader[] =
    "umin_id\tfamily_name\tgiven_name\tfamily_reading\tgiven_reading\t"
    "gender\tbirth_date\tcategory\texternal_mail\tstatus\n";

AccountRecord Good() {
  return {"umin101-test",     "山田",  "太郎",       "やまだ",
          "たろう",           "male",  "1980-04-01", "individual",
          "taro@example.org", "active"};
}

std::string Line(const AccountRecord& r) {
  return r.umin_id + "\t" + r.family_name + "\t" + r.given_name + "\t" +
         r.family_reading + "\t" + r.given_reading + "\t" + r.gender + "\t" +
         r.birth_date + "\t" + r.category + "\t" + r.external_mail + "\t" +
         r.status + "\n";
}

std::string Joined(const std::vector<ImportProblem>& problems) {
  std::string out;
  for (const auto& p : problems) {
    out += "line " + std::to_string(p.line) + ": " + p.reason + "\n";
  }
  return out;
}

BOOST_AUTO_TEST_SUITE(account_import)

BOOST_AUTO_TEST_CASE(a_record_is_checked_field_by_field) {
  struct Case {
    std::function<void(AccountRecord*)> change;
    std::string problem;  // "" for a good record, else a part of the reason
  };
  const std::vector<Case> cases = {
      {[](AccountRecord*) {}, ""},
      {[](AccountRecord* r) { r->external_mail = ""; }, ""},
      {[](AccountRecord* r) { r->family_reading = "ヤマダ"; }, ""},
      {[](AccountRecord* r) { r->gender = "female"; }, ""},
      {[](AccountRecord* r) { r->category = "group"; }, ""},
      {[](AccountRecord* r) { r->status = "disabled"; }, ""},
      {[](AccountRecord* r) { r->birth_date = "2000-02-29"; }, ""},
      {[](AccountRecord* r) { r->umin_id = "UMIN101-test"; }, "umin_id"},
      {[](AccountRecord* r) { r->umin_id = "umin101"; }, "umin_id"},
      {[](AccountRecord* r) { r->umin_id = "x@umin.ac.jp"; }, "umin_id"},
      {[](AccountRecord* r) { r->umin_id = " umin101-test"; }, "umin_id"},
      {[](AccountRecord* r) { r->family_name = ""; }, "family_name"},
      {[](AccountRecord* r) { r->given_name = "太\x01郎"; }, "given_name"},
      {[](AccountRecord* r) { r->family_name = std::string(65, 'a'); },
       "family_name is longer"},
      {[](AccountRecord* r) { r->family_reading = "山田"; }, "family_reading"},
      {[](AccountRecord* r) { r->given_reading = ""; }, "given_reading"},
      {[](AccountRecord* r) { r->gender = "m"; }, "gender"},
      {[](AccountRecord* r) { r->gender = "Male"; }, "gender"},
      {[](AccountRecord* r) { r->birth_date = "1980-02-30"; }, "birth_date"},
      {[](AccountRecord* r) { r->birth_date = "2001-02-29"; }, "birth_date"},
      {[](AccountRecord* r) { r->birth_date = "1980/04/01"; }, "birth_date"},
      {[](AccountRecord* r) { r->birth_date = "1980-4-1"; }, "birth_date"},
      {[](AccountRecord* r) { r->birth_date = "1899-12-31"; }, "birth_date"},
      {[](AccountRecord* r) { r->birth_date = ""; }, "birth_date"},
      {[](AccountRecord* r) { r->category = "person"; }, "category"},
      {[](AccountRecord* r) { r->external_mail = "taro"; }, "external_mail"},
      {[](AccountRecord* r) { r->external_mail = "a b@example.org"; },
       "external_mail"},
      {[](AccountRecord* r) { r->status = "removed"; }, "status"},
      {[](AccountRecord* r) { r->status = ""; }, "status"},
  };
  for (const auto& c : cases) {
    AccountRecord r = Good();
    c.change(&r);
    std::vector<std::string> problems = AccountRecordProblems(r);
    if (c.problem.empty()) {
      BOOST_TEST(problems.empty(), Line(r) << " -> " << problems.size());
    } else {
      BOOST_TEST_REQUIRE(problems.size() == 1u, Line(r));
      BOOST_TEST(problems[0].find(c.problem) != std::string::npos, problems[0]);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_bad_field_of_a_record_is_named) {
  AccountRecord r = Good();
  r.gender = "x";
  r.category = "y";
  r.birth_date = "z";
  BOOST_TEST(AccountRecordProblems(r).size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_good_file_in_any_column_order) {
  AccountRecord a = Good();
  AccountRecord b = Good();
  b.umin_id = "umin102-nomail";
  b.external_mail = "";
  // Columns reversed, CRLF line ends, a byte order mark, no final newline.
  std::string text =
      "\xEF\xBB\xBF"
      "status\texternal_mail\tcategory\tbirth_date\tgender\tgiven_reading\t"
      "family_reading\tgiven_name\tfamily_name\tumin_id\r\n";
  for (const auto& r : {a, b}) {
    text += r.status + "\t" + r.external_mail + "\t" + r.category + "\t" +
            r.birth_date + "\t" + r.gender + "\t" + r.given_reading + "\t" +
            r.family_reading + "\t" + r.given_name + "\t" + r.family_name +
            "\t" + r.umin_id + "\r\n";
  }
  text.resize(text.size() - 2);
  AccountFile file = ParseAccountFile(text);
  BOOST_TEST(Joined(file.problems) == "");
  BOOST_TEST_REQUIRE(file.records.size() == 2u);
  BOOST_TEST((file.records[0] == a));
  BOOST_TEST((file.records[1] == b));
}

BOOST_AUTO_TEST_CASE(a_bad_header_names_each_column) {
  struct Case {
    std::string header;
    std::string problems;
  };
  std::string good(kHeader);
  good.pop_back();
  const std::vector<Case> cases = {
      {"", "line 1: no header line naming the columns\n"},
      {good + "\tnickname", "line 1: unknown column \"nickname\"\n"},
      {good.substr(0, good.rfind('\t')), "line 1: missing column \"status\"\n"},
      {good + "\tgender", "line 1: column \"gender\" appears twice\n"},
  };
  for (const auto& c : cases) {
    AccountFile file = ParseAccountFile(c.header + "\n" + Line(Good()));
    BOOST_TEST(Joined(file.problems) == c.problems);
    BOOST_TEST(file.records.empty());
    BOOST_TEST(file.refused_lines == 1u);
  }
}

BOOST_AUTO_TEST_CASE(every_bad_line_is_reported_with_its_number) {
  AccountRecord dup = Good();
  AccountRecord other = Good();
  other.umin_id = "umin102-nomail";
  AccountRecord bad_date = other;
  bad_date.umin_id = "umin103-date";
  bad_date.birth_date = "1990-13-01";
  std::string text = std::string(kHeader) + Line(Good()) +  // line 2
                     Line(other) +                          // line 3
                     "umin104-\xFF\xFE\n" +                 // line 4
                     "umin105-short\tx\n" +                 // line 5
                     Line(dup) +                            // line 6
                     Line(bad_date) +                       // line 7
                     "\n";                                  // line 8
  AccountFile file = ParseAccountFile(text);
  BOOST_TEST(Joined(file.problems) ==
             "line 4: not valid UTF-8 text\n"
             "line 5: 2 fields, the header has 10\n"
             "line 6: umin_id \"umin101-test\" is on line 2 already\n"
             "line 7: birth_date \"1990-13-01\" is not a real date from 1900 "
             "on as yyyy-mm-dd\n"
             "line 8: 1 fields, the header has 10\n");
  BOOST_TEST(file.refused_lines == 5u);
  BOOST_TEST(file.records.size() == 2u);
}

BOOST_AUTO_TEST_CASE(the_plan_counts_new_changed_unchanged_and_removed) {
  AccountRecord same = Good();
  AccountRecord changed = Good();
  changed.umin_id = "umin102-changed";
  AccountRecord added = Good();
  added.umin_id = "umin103-new";
  AccountRecord gone = Good();
  gone.umin_id = "umin104-gone";
  AccountRecord gone_disabled = gone;
  gone_disabled.umin_id = "umin105-gone";
  gone_disabled.status = "disabled";
  AccountRecord already_removed = gone;
  already_removed.umin_id = "umin106-removed";
  already_removed.status = "removed";
  AccountRecord stored_changed = changed;
  stored_changed.external_mail = "old@example.org";
  changed.status = "disabled";

  AccountFile file;
  file.records = {same, changed, added};
  const std::vector<AccountRecord> stored = {same, stored_changed, gone,
                                             gone_disabled, already_removed};

  ImportPlan partial = PlanAccountImport(file, stored, /*full=*/false);
  BOOST_TEST(FormatImportCounts(partial.counts) ==
             "new=1 changed=1 removed=0 unchanged=1 refused=0");
  BOOST_TEST(partial.writes.size() == 2u);
  BOOST_TEST(partial.removals.empty());
  BOOST_TEST(partial.deactivated == std::vector<std::string>{changed.umin_id});

  ImportPlan full = PlanAccountImport(file, stored, /*full=*/true);
  BOOST_TEST(FormatImportCounts(full.counts) ==
             "new=1 changed=1 removed=2 unchanged=1 refused=0");
  BOOST_TEST((full.removals ==
              std::vector<std::string>{gone.umin_id, gone_disabled.umin_id}));
  BOOST_TEST((full.deactivated ==
              std::vector<std::string>{changed.umin_id, gone.umin_id}));

  // A removed account in the file again is changed back to its status.
  AccountFile back;
  AccountRecord returning = already_removed;
  returning.status = "active";
  back.records = {returning};
  ImportPlan again = PlanAccountImport(back, stored, false);
  BOOST_TEST(again.counts.changed == 1u);
  BOOST_TEST(again.deactivated.empty());
}

BOOST_AUTO_TEST_CASE(a_refused_line_s_account_is_not_counted_removed) {
  AccountFile file;
  file.records = {Good()};
  file.refused_ids = {"umin102-other"};
  file.refused_lines = 1;
  AccountRecord other = Good();
  other.umin_id = "umin102-other";
  ImportPlan plan = PlanAccountImport(file, {Good(), other}, true);
  BOOST_TEST(FormatImportCounts(plan.counts) ==
             "new=0 changed=0 removed=0 unchanged=1 refused=1");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
