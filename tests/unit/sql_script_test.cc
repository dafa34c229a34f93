// Splitting a migration file into statements.
#include "base/sql_script.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(sql_script)

BOOST_AUTO_TEST_CASE(splits_on_semicolons_outside_quotes_and_comments) {
  struct Case {
    std::string script;
    std::vector<std::string> statements;
  } cases[] = {
      {"", {}},
      {"-- only a comment\n", {}},
      {"SELECT 1;SELECT 2;", {"SELECT 1", "SELECT 2"}},
      {"SELECT 1", {"SELECT 1"}},
      {"CREATE TABLE t (a INT); -- a; comment\n-- another;\n",
       {"CREATE TABLE t (a INT)"}},
      {"INSERT INTO t VALUES ('a;b', \"c;d\", `e;f`);",
       {"INSERT INTO t VALUES ('a;b', \"c;d\", `e;f`)"}},
      {"INSERT INTO t VALUES ('it\\'s; fine');",
       {"INSERT INTO t VALUES ('it\\'s; fine')"}},
      {"SELECT 1 /* a; b */ + 1;\n# hash; comment\nSELECT 3;",
       {"SELECT 1   + 1", "SELECT 3"}},
      {"SELECT 5--1;", {"SELECT 5--1"}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.script) {
      BOOST_TEST(SplitSqlScript(c.script) == c.statements,
                 boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
