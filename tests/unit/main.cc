// The one translation unit that defines the Boost.Test module; every
// tests/unit/*_test.cc adds its suites to it.
#define BOOST_TEST_MODULE passwd
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <cstdlib>

#include "base/catalogue.h"

namespace {

// The pages' and mails' sentences: this checkout's compiled catalogues
// (build/i18n, make's prerequisite of the tests), loaded once as a page
// process does at start-up.
struct LoadCatalogues {
  LoadCatalogues() {
    const std::string root = PASSWD_SOURCE_DIR;
    passwd::Status s =
        passwd::LoadCatalogues(root + "/build/i18n", root + "/templates");
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      std::exit(1);
    }
  }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(LoadCatalogues);
