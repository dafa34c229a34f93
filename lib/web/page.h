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

#include "base/config.h"
#include "base/status.h"
#include "web/response.h"

namespace passwd {

// Which layout wraps a page: the public site's chrome (templates/layout.tpl)
// or the operator console's (templates/admin_layout.tpl).
enum class Layout { kPublic, kConsole };

// What an error page says for one HTTP status.
struct ErrorPageText {
  int status;
  const char* title;
  const char* message;
};

// A page template to render inside its layout.
class Page {
 public:
  // A page that renders `template_file` (relative to the templates folder)
  // with `title` in `layout`.
  Page(const std::string& template_file, const std::string& title,
       Layout layout = Layout::kPublic);
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
  const char* layout_file_;
  ctemplate::TemplateDictionary layout_;
  ctemplate::TemplateDictionary* body_;  // owned by layout_
};

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

// Shows each form field's error of `errors` (field name -> message) as the
// section <FIELD>_ERROR with its MESSAGE, and the error summary when there is
// one. `inputs` lists the form's fields in the order the page shows them,
// each with the id of the input the summary links to (the first radio
// button of a group); a field not listed links to the id equal to its name.
void ShowFieldErrors(
    const std::map<std::string, std::string>& errors,
    ctemplate::TemplateDictionary* dict,
    const std::vector<std::pair<std::string, std::string>>& inputs = {});

// Sets the folder templates are read from; call once at start-up.
void SetTemplatesDir(const std::string& dir);

// Renders the Japanese error page for `http_status` (400, 403, 404, 405,
// 413, 429, 500, 502 or 503) into `response`; never fails, falling back to a
// built-in page when even the templates cannot be read. `retry_after` (JST
// text) is shown on the 429 page when not empty.
void RenderErrorPage(const Config& config, int http_status,
                     const std::string& retry_after, Response* response);

// Whether a 429 page of the renewal flow offers the operator request: a
// user held back from sending or entering a code can still apply.
enum class OperatorRequestLink { kHidden, kOffered };

// The 429 page: RenderErrorPage with `retry_after`, and the link to
// operator_request when `link` is kOffered.
void RenderRateLimitPage(const Config& config, const std::string& retry_after,
                         OperatorRequestLink link, Response* response);

}  // namespace passwd

#endif  // PASSWD_LIB_WEB_PAGE_H_
