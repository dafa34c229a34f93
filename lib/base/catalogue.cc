#include "base/catalogue.h"

#include <dirent.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

namespace passwd {
namespace {

// The catalogues LoadCatalogues reads: the public pages' two languages and
// the console's.
enum Book { kJaBook, kEnBook, kConsoleBook, kBooks };
constexpr const char* kBookNames[kBooks] = {"ja", "en", "console_ja"};

Book BookOf(Lang lang) { return lang == Lang::kEn ? kEnBook : kJaBook; }

// Filled by LoadCatalogues before threads start; read-only after.
std::map<std::string, std::string> g_catalogues[kBooks];
// Per catalogue, each of its template files' keys with their texts
// (pointers into g_catalogues, which no longer changes once they are
// taken).
std::map<std::string, TemplateEntries> g_template_entries[kBooks];

struct BundleCloser {
  void operator()(UResourceBundle* b) const { ures_close(b); }
};
using Bundle = std::unique_ptr<UResourceBundle, BundleCloser>;

std::string ToUtf8(const UChar* text, int32_t length) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t needed = 0;
  u_strToUTF8(nullptr, 0, &needed, text, length, &status);
  std::string out(needed, '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8(out.data(), needed, nullptr, text, length, &status);
  return out;
}

// Reads the table of <dir>/<code>.res into `out`.
Status ReadBundle(const std::string& dir, const char* code,
                  std::map<std::string, std::string>* out) {
  UErrorCode status = U_ZERO_ERROR;
  // A package name ending in a separator is a folder holding <code>.res.
  Bundle bundle(ures_openDirect((dir + "/").c_str(), code, &status));
  if (U_FAILURE(status)) {
    return Status::Internal("cannot read catalogue " + dir + "/" + code +
                            ".res: " + u_errorName(status));
  }
  out->clear();
  ures_resetIterator(bundle.get());
  while (ures_hasNext(bundle.get())) {
    int32_t length = 0;
    const char* key = nullptr;
    status = U_ZERO_ERROR;
    const UChar* text =
        ures_getNextString(bundle.get(), &length, &key, &status);
    if (U_FAILURE(status) || key == nullptr) {
      return Status::Internal(std::string("catalogue ") + code +
                              ": an entry that is not a string");
    }
    (*out)[key] = ToUtf8(text, length);
  }
  return Status::Ok();
}

// The catalogue keys the templates of `dir` name: {{lower_case}} variables
// (the pages' own variables are upper case).
Status TemplateKeys(const std::string& dir,
                    std::map<std::string, std::vector<std::string>>* keys) {
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return Status::Internal("cannot list " + dir);
  static const std::regex kMarker(kSentenceMarkerPattern);
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name.size() < 4 || name.compare(name.size() - 4, 4, ".tpl") != 0) {
      continue;
    }
    std::ifstream in(dir + "/" + name);
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    std::vector<std::string>& named = (*keys)[name];
    for (std::sregex_iterator it(s.begin(), s.end(), kMarker), end; it != end;
         ++it) {
      named.push_back((*it)[1].str());
    }
    std::sort(named.begin(), named.end());
    named.erase(std::unique(named.begin(), named.end()), named.end());
  }
  closedir(d);
  return Status::Ok();
}

const TemplateEntries& EntriesOf(Book book, const std::string& template_file) {
  static const TemplateEntries kNone;
  const auto& per_file = g_template_entries[book];
  auto it = per_file.find(template_file);
  return it == per_file.end() ? kNone : it->second;
}

std::string TextIn(Book book, const std::string& key) {
  const auto& entries = g_catalogues[book];
  auto it = entries.find(key);
  return it == entries.end() ? MissingKeyMark(key) : it->second;
}

// `text` with each "{name}" replaced by args' value for name; a name args
// lack stays as it is.
std::string Fill(const std::string& text,
                 const std::map<std::string, std::string>& args) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('{', i);
    size_t close =
        open == std::string::npos ? std::string::npos : text.find('}', open);
    if (close == std::string::npos) break;
    out.append(text, i, open - i);
    auto arg = args.find(text.substr(open + 1, close - open - 1));
    if (arg != args.end()) {
      out += arg->second;
    } else {
      out.append(text, open, close - open + 1);
    }
    i = close + 1;
  }
  out.append(text, i, std::string::npos);
  return out;
}

}  // namespace

const char kSentenceMarkerPattern[] = "\\{\\{([a-z][a-z0-9_]*)\\}\\}";

Status LoadCatalogues(const std::string& dir,
                      const std::string& templates_dir) {
  std::map<std::string, std::vector<std::string>> template_keys;
  if (!templates_dir.empty()) {
    Status s = TemplateKeys(templates_dir, &template_keys);
    if (!s.ok()) return s;
  }
  for (int book = 0; book < kBooks; ++book) {
    std::map<std::string, std::string> entries;
    Status s = ReadBundle(dir, kBookNames[book], &entries);
    if (!s.ok()) return s;
    // The templates whose keys this catalogue holds.
    std::map<std::string, std::vector<std::string>> own;
    for (const auto& [file, keys] : template_keys) {
      if (IsConsoleTemplate(file) == (book == kConsoleBook)) own[file] = keys;
    }
    for (const auto& [file, keys] : own) {
      for (const std::string& key : keys) {
        if (entries.count(key) == 0) entries[key] = MissingKeyMark(key);
      }
    }
    std::map<std::string, std::string>& catalogue = g_catalogues[book];
    catalogue = std::move(entries);
    std::map<std::string, TemplateEntries>& per_file = g_template_entries[book];
    per_file.clear();
    for (const auto& [file, keys] : own) {
      TemplateEntries& named = per_file[file];
      for (const std::string& key : keys) {
        named.push_back(&*catalogue.find(key));
      }
    }
  }
  return Status::Ok();
}

const TemplateEntries& CatalogueEntriesOf(Lang lang,
                                          const std::string& template_file) {
  return EntriesOf(BookOf(lang), template_file);
}

const TemplateEntries& ConsoleEntriesOf(const std::string& template_file) {
  return EntriesOf(kConsoleBook, template_file);
}

bool IsConsoleTemplate(const std::string& template_file) {
  return template_file.compare(0, 6, "admin_") == 0;
}

std::string MissingKeyMark(const std::string& key) {
  return "[[" + key + "]]";
}

std::string Text(Lang lang, const std::string& key) {
  return TextIn(BookOf(lang), key);
}

std::string FormatText(Lang lang, const std::string& key,
                       const std::map<std::string, std::string>& args) {
  return Fill(Text(lang, key), args);
}

std::string ConsoleText(const std::string& key) {
  return TextIn(kConsoleBook, key);
}

std::string FormatConsoleText(const std::string& key,
                              const std::map<std::string, std::string>& args) {
  return Fill(ConsoleText(key), args);
}

bool HasConsoleText(const std::string& key) {
  return g_catalogues[kConsoleBook].count(key) != 0;
}

}  // namespace passwd
