#include "web/page.h"

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>
#include <dirent.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/catalogue.h"

namespace passwd {
namespace {

const std::string kTemplates = std::string(PASSWD_SOURCE_DIR) + "/templates";

std::vector<std::string> TemplateFiles() {
  std::vector<std::string> files;
  DIR* d = opendir(kTemplates.c_str());
  BOOST_REQUIRE(d != nullptr);
  while (dirent* e = readdir(d)) {
    const std::string name = e->d_name;
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".tpl") == 0) {
      files.push_back(name);
    }
  }
  closedir(d);
  return files;
}

std::string ReadTemplate(const std::string& file) {
  std::ifstream in(kTemplates + "/" + file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every section of `file` shown wherever it stands, so that no sentence
// hides in a section neither rendering opens.
void ShowEverySection(const std::string& file,
                      ctemplate::TemplateDictionary* dict) {
  static const std::regex kSection("\\{\\{#([A-Z0-9_]+)\\}\\}");
  const std::string text = ReadTemplate(file);
  for (std::sregex_iterator it(text.begin(), text.end(), kSection), end;
       it != end; ++it) {
    dict->ShowTemplateGlobalSection((*it)[1].str());
  }
}

// `file` as pages rendered it before LocalizedTemplate: the file itself,
// its sentences dictionary values (auto-escaped at every request).
std::string WithSentenceValues(const std::string& file,
                               const TemplateEntries& entries) {
  ctemplate::TemplateCache cache;
  cache.SetTemplateRootDirectory(kTemplates);
  ctemplate::TemplateDictionary dict("old");
  for (const auto* entry : entries) {
    dict.SetTemplateGlobalValue(entry->first, entry->second);
  }
  ShowEverySection(file, &dict);
  std::string out;
  BOOST_REQUIRE(cache.ExpandWithData(file, ctemplate::STRIP_BLANK_LINES, &dict,
                                     nullptr, &out));
  return out;
}

// `file` rendered through LocalizedTemplate, with no values at all.
std::string Localized(Lang lang, const std::string& file) {
  ctemplate::TemplateDictionary dict("new");
  ShowEverySection(file, &dict);
  std::string out;
  const std::string name = LocalizedTemplate(lang, file);
  BOOST_REQUIRE(name != file);
  BOOST_REQUIRE(ctemplate::ExpandTemplate(name, ctemplate::STRIP_BLANK_LINES,
                                          &dict, &out));
  return out;
}

BOOST_AUTO_TEST_SUITE(page)

// Writing the sentences into the templates once changes no byte of any
// page: every template, in each of its languages, with every section open.
BOOST_AUTO_TEST_CASE(localized_templates_render_as_sentence_values_did) {
  SetTemplatesDir(kTemplates);
  const std::vector<std::string> files = TemplateFiles();
  BOOST_TEST(files.size() > 20u);
  int with_sentences = 0;
  int escaped = 0;  // sentences with a character HTML escaping changes
  for (const std::string& file : files) {
    std::vector<std::pair<Lang, const TemplateEntries*>> books;
    if (IsConsoleTemplate(file)) {
      books.push_back({Lang::kJa, &ConsoleEntriesOf(file)});
    } else {
      books.push_back({Lang::kJa, &CatalogueEntriesOf(Lang::kJa, file)});
      books.push_back({Lang::kEn, &CatalogueEntriesOf(Lang::kEn, file)});
    }
    for (const auto& [lang, entries] : books) {
      BOOST_TEST_CONTEXT(file << " in " << LangCode(lang)) {
        const std::string expected = WithSentenceValues(file, *entries);
        BOOST_TEST(Localized(lang, file) == expected);
        for (const auto* entry : *entries) {
          if (entry->second.find_first_of("&<>\"'") != std::string::npos) {
            ++escaped;
          }
        }
        if (!entries->empty()) {
          ++with_sentences;
          // The sentences really are there: without them it differs.
          BOOST_TEST(expected != WithSentenceValues(file, {}));
        }
      }
    }
  }
  BOOST_TEST(with_sentences > 40);
  // The comparison covers the escaping too: some sentences need it.
  BOOST_TEST(escaped > 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
