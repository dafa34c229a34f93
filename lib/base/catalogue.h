// The message catalogues: every sentence a public page, an error page or a
// mail to a user shows, one catalogue per language (i18n/ja.txt,
// i18n/en.txt, compiled by ICU's genrb into ja.res and en.res), and every
// sentence of the operator console, which stays Japanese, in a catalogue of
// its own (i18n/console_ja.txt, console_ja.res; docs/i18n.md). Loaded once
// at start-up, before any thread serves, and read-only after: each request
// picks its own language, nothing is process-global.
#ifndef PASSWD_LIB_BASE_CATALOGUE_H_
#define PASSWD_LIB_BASE_CATALOGUE_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/lang.h"
#include "base/status.h"

namespace passwd {

// Loads <dir>/ja.res, <dir>/en.res and <dir>/console_ja.res.
// `templates_dir`, when not empty, is scanned for the catalogue keys its
// templates name ({{lower_case}} variables): the console's templates
// (admin_*.tpl) name the console catalogue's keys, the others the public
// catalogues'; a key its catalogue lacks is added as its missing-key mark,
// so a page shows the mark rather than nothing. Fails when a catalogue
// cannot be read.
Status LoadCatalogues(const std::string& dir, const std::string& templates_dir);

// The sentence `key` in `lang`, or MissingKeyMark(key) when there is none.
std::string Text(Lang lang, const std::string& key);

// Text with each "{name}" replaced by args' value for name.
std::string FormatText(Lang lang, const std::string& key,
                       const std::map<std::string, std::string>& args);

// The console's sentence `key` (Japanese), or MissingKeyMark(key) when
// there is none.
std::string ConsoleText(const std::string& key);

// ConsoleText with each "{name}" replaced by args' value for name.
std::string FormatConsoleText(const std::string& key,
                              const std::map<std::string, std::string>& args);

// Whether the console catalogue has `key`: for a label of a stored value
// that may be new to it, which then shows as the value itself.
bool HasConsoleText(const std::string& key);

// The pattern of a sentence in a template: {{lower_case_key}}, the key
// its first group (the pages' own variables are upper case).
extern const char kSentenceMarkerPattern[];

// What a page or mail shows for a key the catalogue lacks: "[[key]]", which
// the tests look for.
std::string MissingKeyMark(const std::string& key);

// The entries of `lang`'s catalogue that one template file (a name in the
// templates folder LoadCatalogues scanned, e.g. "code.tpl") names, to fill
// its dictionary with those alone rather than the whole catalogue on every
// request; empty for a file it did not scan.
using TemplateEntries =
    std::vector<const std::pair<const std::string, std::string>*>;
const TemplateEntries& CatalogueEntriesOf(Lang lang,
                                          const std::string& template_file);

// The same for a console template (admin_*.tpl) and the console catalogue.
const TemplateEntries& ConsoleEntriesOf(const std::string& template_file);

// Whether `template_file` is one of the console's (admin_*.tpl), whose
// keys are the console catalogue's.
bool IsConsoleTemplate(const std::string& template_file);

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_CATALOGUE_H_
