#include "web/page.h"

#include <ctemplate/template_emitter.h>
#include <ctemplate/template_modifiers.h>

#include <cctype>
#include <fstream>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>

#include "base/catalogue.h"
#include "web/request.h"

namespace passwd {
namespace {

// The templates folder (SetTemplatesDir), for LocalizedTemplate's reads.
std::string g_templates_dir;

// The names LocalizedTemplate has put in ctemplate's cache.
std::mutex g_localized_mutex;
std::set<std::string> g_localized;

// `text` with each sentence marker of `entries` replaced by its sentence,
// HTML-escaped by ctemplate's own modifier (what AUTOESCAPE context="HTML"
// applied to the values in text and in quoted attributes).
std::string WriteSentences(const std::string& text,
                           const TemplateEntries& entries) {
  std::map<std::string, const std::string*> sentences;
  for (const auto* entry : entries) sentences[entry->first] = &entry->second;
  static const std::regex kMarker(kSentenceMarkerPattern);
  std::string out;
  size_t done = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), kMarker), end;
       it != end; ++it) {
    auto sentence = sentences.find((*it)[1].str());
    if (sentence == sentences.end()) continue;
    out.append(text, done, it->position() - done);
    ctemplate::StringEmitter emitter(&out);
    ctemplate::html_escape.Modify(sentence->second->data(),
                                  sentence->second->size(), nullptr, &emitter,
                                  "");
    done = it->position() + it->length();
  }
  out.append(text, done, std::string::npos);
  return out;
}

// The catalogue key of what the error page for `status` says (title, and
// with "_message" its explanation); the 500 page for a status it lacks.
std::string ErrorKey(int status) {
  switch (status) {
    case 400:
    case 403:
    case 404:
    case 405:
    case 413:
    case 429:
    case 500:
    case 502:
    case 503:
      return "error_" + std::to_string(status);
    default:
      return "error_500";
  }
}

// The last resort when templates are unreadable: still in the language,
// still a way back, never a blank page.
std::string FallbackErrorHtml(Lang lang, const std::string& key,
                              const Config& config) {
  return std::string("<!DOCTYPE html><html lang=\"") + LangCode(lang) +
         "\"><head><meta charset=\"UTF-8\"><title>" + Text(lang, "site_name") +
         "</title></head><body><h1>" + Text(lang, key + "_title") +
         "</h1><p>" + Text(lang, key + "_message") + "</p><p><a href=\"" +
         config.top_url + "\">" + Text(lang, "back_to_top") +
         "</a></p></body></html>";
}

// `text` percent-encoded for a query string.
std::string QueryEscape(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace

PageLang PageLangOf(const Request& request) {
  PageLang where;
  where.lang = request.lang();
  where.here = request.path();
  if (!request.IsPost()) {
    std::string query;
    for (const auto& [name, value] : request.query()) {
      if (name == "lang") continue;
      query += (query.empty() ? "" : "&") + QueryEscape(name) + "=" +
               QueryEscape(value);
    }
    if (!query.empty()) where.here += "?" + query;
  }
  return where;
}

PageLang PageLangWithoutQuery(const Request& request) {
  PageLang where = PageLangOf(request);
  where.here = request.path();
  return where;
}

std::string LangSwitchUrl(const std::string& here, Lang lang) {
  return here + (here.find('?') == std::string::npos ? "?" : "&") +
         "lang=" + LangCode(lang);
}

std::string FieldErrorText(Lang lang, const std::string& field,
                           const FieldError& error) {
  std::map<std::string, std::string> args = error.args;
  args.emplace("label", Text(lang, "field_" + field));
  return FormatText(lang, "error_" + error.code, args);
}

void ShowErrorSummary(const std::vector<ErrorLink>& errors,
                      ctemplate::TemplateDictionary* dict) {
  if (errors.empty()) return;
  auto* summary = dict->AddSectionDictionary("HAS_ERRORS");
  if (errors.size() < 2) return;
  auto* list = summary->AddSectionDictionary("ERROR_LIST");
  for (const auto& e : errors) {
    auto* link = list->AddSectionDictionary("ERROR_LINK");
    link->SetValue("INPUT_ID", e.input_id);
    link->SetValue("MESSAGE", e.message);
  }
}

void ShowFieldErrors(
    Lang lang, const FieldErrors& errors, ctemplate::TemplateDictionary* dict,
    const std::vector<std::pair<std::string, std::string>>& inputs) {
  std::map<std::string, std::string> messages;
  for (const auto& [field, error] : errors) {
    messages[field] = FieldErrorText(lang, field, error);
  }
  for (const auto& [field, message] : messages) {
    // e.g. FAMILY_NAME_ERROR section with its MESSAGE.
    std::string section;
    for (char c : field) section.push_back(static_cast<char>(std::toupper(c)));
    dict->AddSectionDictionary(section + "_ERROR")
        ->SetValue("MESSAGE", message);
  }
  // The summary follows the page's order: the listed fields first, then
  // any other in name order.
  std::vector<ErrorLink> links;
  std::map<std::string, std::string> rest = messages;
  for (const auto& [field, input_id] : inputs) {
    auto it = rest.find(field);
    if (it == rest.end()) continue;
    links.push_back({input_id, it->second});
    rest.erase(it);
  }
  for (const auto& [field, message] : rest) links.push_back({field, message});
  ShowErrorSummary(links, dict);
}

void SetTemplatesDir(const std::string& dir) {
  g_templates_dir = dir;
  ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(dir);
}

std::string LocalizedTemplate(Lang lang, const std::string& template_file) {
  const bool console = IsConsoleTemplate(template_file);
  std::string name =
      std::string(console ? "console" : LangCode(lang)) + "/" + template_file;
  std::lock_guard<std::mutex> lock(g_localized_mutex);
  if (g_localized.count(name)) return name;
  std::ifstream in(g_templates_dir + "/" + template_file);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return template_file;
  const TemplateEntries& entries = console
                                       ? ConsoleEntriesOf(template_file)
                                       : CatalogueEntriesOf(lang, template_file);
  if (!ctemplate::StringToTemplateCache(name,
                                        WriteSentences(text.str(), entries),
                                        ctemplate::STRIP_BLANK_LINES)) {
    return template_file;
  }
  g_localized.insert(name);
  return name;
}

Page::Page(const PageLang& where, const std::string& template_file,
           const std::string& title_key)
    : layout_file_(LocalizedTemplate(where.lang, "layout.tpl")),
      lang_(where.lang),
      layout_(layout_file_) {
  layout_.SetValue("TITLE", Text(lang_, title_key));
  layout_.SetValue("LANG", LangCode(lang_));
  if (where.switchable) {
    auto* links = layout_.AddSectionDictionary("LANG_SWITCH");
    for (Lang other : kLangs) {
      const std::string code = LangCode(other);
      std::string upper = code == "ja" ? "JA" : "EN";
      if (other == lang_) {
        links->ShowSection("IN_" + upper);
      } else {
        links->SetValueAndShowSection(upper + "_URL",
                                      LangSwitchUrl(where.here, other),
                                      "TO_" + upper);
      }
    }
  }
  body_ = layout_.AddIncludeDictionary("BODY");
  body_->SetFilename(LocalizedTemplate(lang_, template_file));
}

Page::Page(const Request& request, const std::string& template_file,
           const std::string& title_key)
    : Page(PageLangOf(request), template_file, title_key) {}

Page::Page(const std::string& template_file, const std::string& title,
           Layout layout)
    : layout_file_(LocalizedTemplate(
          Lang::kJa,
          layout == Layout::kConsole ? "admin_layout.tpl" : "layout.tpl")),
      layout_(layout_file_) {
  layout_.SetValue("TITLE", title);
  body_ = layout_.AddIncludeDictionary("BODY");
  body_->SetFilename(LocalizedTemplate(lang_, template_file));
}

Status Page::Render(const Config& config, std::string* html) {
  layout_.SetValue("TOP_URL", config.top_url);
  layout_.SetValue("INQUIRY_URL", config.inquiry_url);
  layout_.SetValue("ID_REGISTRATION_URL", config.id_registration_url);
  // Templates may link the top page and the inquiry form too.
  body_->SetValue("TOP_URL", config.top_url);
  body_->SetValue("INQUIRY_URL", config.inquiry_url);
  html->clear();
  if (!ctemplate::ExpandTemplate(layout_file_, ctemplate::STRIP_BLANK_LINES,
                                 &layout_, html)) {
    return Status::Internal("cannot expand templates");
  }
  return Status::Ok();
}

Status Page::RenderTo(const Config& config, int http_status,
                      Response* response) {
  std::string html;
  Status s = Render(config, &html);
  if (!s.ok()) return s;
  response->SetStatus(http_status);
  response->SetHtml(std::move(html));
  return Status::Ok();
}

namespace {

void RenderError(const Config& config, const PageLang& where, int http_status,
                 const std::string& retry_after, OperatorRequestLink link,
                 Response* response) {
  const std::string key = ErrorKey(http_status);
  Page page(where, "error.tpl", key + "_title");
  page.dict()->SetValue("HEADING", Text(where.lang, key + "_title"));
  page.dict()->SetValue("MESSAGE", Text(where.lang, key + "_message"));
  if (!retry_after.empty()) {
    page.dict()->SetValueAndShowSection(
        "RETRY_TEXT",
        FormatText(where.lang, "error_retry_after", {{"time", retry_after}}),
        "RETRY");
  }
  if (link == OperatorRequestLink::kOffered) {
    page.dict()->ShowSection("OPERATOR_REQUEST");
  }
  response->SetStatus(http_status);
  std::string html;
  if (page.Render(config, &html).ok()) {
    response->SetHtml(std::move(html));
  } else {
    response->SetHtml(FallbackErrorHtml(where.lang, key, config));
  }
}

}  // namespace

void RenderErrorPage(const Config& config, const PageLang& where,
                     int http_status, const std::string& retry_after,
                     Response* response) {
  RenderError(config, where, http_status, retry_after,
              OperatorRequestLink::kHidden, response);
}

void RenderRateLimitPage(const Config& config, const PageLang& where,
                         const std::string& retry_after,
                         OperatorRequestLink link, Response* response) {
  RenderError(config, where, 429, retry_after, link, response);
}

}  // namespace passwd
