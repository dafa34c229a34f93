// Page: a page template rendered inside its layout (templates/layout.tpl,
// HTML auto-escaped), plus the error pages every executable shares.
#ifndef PASSWD_LIB_WEB_PAGE_H_
#define PASSWD_LIB_WEB_PAGE_H_

#include <ctemplate/template.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/catalogue.h"
#include "base/config.h"
#include "base/lang.h"
#include "base/status.h"
#include "domain/field_error.h"
#include "web/response.h"

namespace passwd {

// Which layout wraps a page: the public site's chrome (templates/layout.tpl)
// or the operator console's (templates/admin_layout.tpl).
enum class Layout { kPublic, kConsole };

class Request;

// The language a public page speaks and where it is: its 日本語 / English
// link leads to `here` with lang=ja or lang=en added (web/fcgi_main.h
// answers that by setting the language cookie and returning to `here`).
struct PageLang {
  Lang lang = Lang::kJa;
  // The page's path and query (without lang); "" for a page that does not
  // know its address (nginx's static error pages): the link is then
  // relative, "?lang=en".
  std::string here;
  // False on the console's error pages, which stay Japanese.
  bool switchable = true;
};

// The PageLang of `request`: its language, and its path with its query
// for a GET (the place), without for a POST (the form's page).
PageLang PageLangOf(const Request& request);

// PageLangOf without the query: for a page that refuses what its query
// names (an unknown receipt or link), so its language link never repeats
// it.
PageLang PageLangWithoutQuery(const Request& request);

// The link to `here` in `lang`.
std::string LangSwitchUrl(const std::string& here, Lang lang);

// A page template to render inside its layout.
class Page {
 public:
  // A public page in `where.lang`: `template_file` (relative to the
  // templates folder) inside templates/layout.tpl, titled with the
  // catalogue's `title_key`. Templates name sentences by key
  // ({{lower_case_key}}; docs/i18n.md), which LocalizedTemplate writes in.
  Page(const PageLang& where, const std::string& template_file,
       const std::string& title_key);
  // The same for the language and place of `request`.
  Page(const Request& request, const std::string& template_file,
       const std::string& title_key);
  // A console page (Japanese only): `template_file` with `title` in
  // `layout`, with the console catalogue's sentences.
  Page(const std::string& template_file, const std::string& title,
       Layout layout = Layout::kConsole);

  // The page's language (Japanese for the console).
  Lang lang() const { return lang_; }
  Page(const Page&) = delete;
  Page& operator=(const Page&) = delete;

  // The page template's own dictionary.
  ctemplate::TemplateDictionary* dict() { return body_; }

  // The layout's dictionary (the console names its operator there).
  ctemplate::TemplateDictionary* layout_dict() { return &layout_; }

  // Renders the page with the links of `config` into `html`.
  Status Render(const Config& config, std::string* html);

  // Renders into `response` as HTML with `http_status`.
  Status RenderTo(const Config& config, int http_status, Response* response);

 private:
  std::string layout_file_;  // LocalizedTemplate's name
  Lang lang_ = Lang::kJa;
  ctemplate::TemplateDictionary layout_;
  ctemplate::TemplateDictionary* body_;  // owned by layout_
};

// What the page says in `lang` about `error` of form field `field`: the
// catalogue's "error_<code>", with {label} the field's "field_<field>".
std::string FieldErrorText(Lang lang, const std::string& field,
                           const FieldError& error);

// One error of a form, with the id of the input it is about.
struct ErrorLink {
  std::string input_id;  // the element the summary's link points at
  std::string message;
};

// The form's error summary: the section HAS_ERRORS (the "please check"
// paragraph) and, with two errors or more, its ERROR_LIST of ERROR_LINKs
// (INPUT_ID, MESSAGE), in the order given: each links to its input.
void ShowErrorSummary(const std::vector<ErrorLink>& errors,
                      ctemplate::TemplateDictionary* dict);

// Shows each form field's error of `errors` in `lang` as the section
// <FIELD>_ERROR with its MESSAGE, and the error summary when there is one.
// `inputs` lists the form's fields in the order the page shows them, each
// with the id of the input the summary links to (the first radio button of
// a group); a field not listed links to the id equal to its name.
void ShowFieldErrors(
    Lang lang, const FieldErrors& errors, ctemplate::TemplateDictionary* dict,
    const std::vector<std::pair<std::string, std::string>>& inputs = {});

// Sets the folder templates are read from; call once at start-up, before
// threads start.
void SetTemplatesDir(const std::string& dir);

// The name under which ctemplate's cache holds `template_file` with its
// sentences in `lang` (the console catalogue's for a console template,
// base/catalogue.h) written into its text, HTML-escaped as the template's
// auto-escaping escaped them when they were dictionary values. Made once
// per process and name, then shared: a page no longer sets, looks up and
// escapes some forty sentences on every request. Give it to
// TemplateDictionary::SetFilename for an included template. The file's
// own name if it cannot be read (expanding it then fails as before).
std::string LocalizedTemplate(Lang lang, const std::string& template_file);

// Renders the error page for `http_status` (400, 403, 404, 405, 413, 429,
// 500, 502 or 503) in `where.lang` into `response`; never fails, falling
// back to a built-in page when even the templates cannot be read.
// `retry_after` (JST text) is shown on the 429 page when not empty.
void RenderErrorPage(const Config& config, const PageLang& where,
                     int http_status, const std::string& retry_after,
                     Response* response);

// Whether a 429 page of the renewal flow offers the operator request: a
// user held back from sending or entering a code can still apply.
enum class OperatorRequestLink { kHidden, kOffered };

// The 429 page: RenderErrorPage with `retry_after`, and the link to
// operator_request when `link` is kOffered.
void RenderRateLimitPage(const Config& config, const PageLang& where,
                         const std::string& retry_after,
                         OperatorRequestLink link, Response* response);

}  // namespace passwd

#endif  // PASSWD_LIB_WEB_PAGE_H_
