// Which migrations are pending, and what migrate refuses.
#include "store/schema_migrations.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(schema_migrations)

BOOST_AUTO_TEST_CASE(plans_pending_files_and_refuses_drift) {
  const std::vector<MigrationFile> files = {
      {"001_a.sql", "A", "aaaa"}, {"002_b.sql", "B", "bbbb"},
      {"003_c.sql", "C", "cccc"}};
  struct Case {
    const char* name;
    std::vector<AppliedMigration> applied;
    bool ok;
    std::vector<std::string> pending;
  } cases[] = {
      {"fresh", {}, true, {"001_a.sql", "002_b.sql", "003_c.sql"}},
      {"older", {{"001_a.sql", "aaaa"}}, true, {"002_b.sql", "003_c.sql"}},
      {"current",
       {{"001_a.sql", "aaaa"}, {"002_b.sql", "bbbb"}, {"003_c.sql", "cccc"}},
       true,
       {}},
      {"a gap is filled", {{"002_b.sql", "bbbb"}}, true,
       {"001_a.sql", "003_c.sql"}},
      {"no checksum yet", {{"001_a.sql", ""}}, true,
       {"002_b.sql", "003_c.sql"}},
      {"changed after applied", {{"001_a.sql", "ffff"}}, false, {}},
      {"newer than the code", {{"004_d.sql", "dddd"}}, false, {}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      std::vector<const MigrationFile*> pending;
      Status s = PlanMigrations(files, c.applied, &pending);
      BOOST_TEST(s.ok() == c.ok);
      std::vector<std::string> names;
      for (const auto* f : pending) names.push_back(f->name);
      BOOST_TEST(names == c.pending, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(knows_the_migrations_it_was_built_with) {
  const auto& built = BuiltMigrations();
  BOOST_REQUIRE(!built.empty());
  BOOST_TEST(built.front() == "001_schema.sql");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
