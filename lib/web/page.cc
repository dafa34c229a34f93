#include "web/page.h"

#include <cctype>

namespace passwd {
namespace {

// What each error page tells the user, in the seed's polite register.
constexpr ErrorPageText kErrorTexts[] = {
    {400, "リクエストが正しくありません",
     "送信された内容を処理できませんでした。お手数ですが、トップページから"
     "改めて操作をお願いいたします。"},
    {403, "この操作は受け付けられませんでした",
     "画面の有効期限が切れたか、正しい画面から送信されませんでした。"
     "お手数ですが、トップページから改めて操作をお願いいたします。"},
    {404, "ページが見つかりません",
     "お探しのページは存在しないか、移動した可能性があります。"
     "トップページから改めて操作をお願いいたします。"},
    {405, "この操作はできません",
     "このページではその操作を受け付けておりません。"
     "トップページから改めて操作をお願いいたします。"},
    {413, "送信内容が大きすぎます",
     "入力内容が長すぎるため受け付けられませんでした。"
     "内容をご確認のうえ、改めてお試しください。"},
    {429, "しばらく時間をおいてお試しください",
     "短時間に操作が繰り返されたため、一時的に受付を停止しております。"
     "大変恐縮ですが、しばらく時間をおいてから改めてお試しください。"},
    {500, "システムエラー",
     "システムで問題が発生いたしました。大変恐縮ですが、しばらく時間を"
     "おいてから改めてお試しください。"},
    {502, "ただいまご利用いただけません",
     "サービスに接続できませんでした。大変恐縮ですが、しばらく時間をおいて"
     "から改めてお試しください。"},
    {503, "ただいまご利用いただけません",
     "現在、システムの保守または障害のため、ご利用いただけません。大変恐縮"
     "ですが、しばらく時間をおいてから改めてお試しください。"},
};

const ErrorPageText& TextFor(int status) {
  for (const auto& t : kErrorTexts) {
    if (t.status == status) return t;
  }
  return TextFor(500);
}

// The last resort when templates are unreadable: still Japanese, still a
// way back, never a blank page.
std::string FallbackErrorHtml(const ErrorPageText& text, const Config& config) {
  return "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\">"
         "<title>UMIN パスワード更新</title></head><body><h1>" +
         std::string(text.title) + "</h1><p>" + text.message +
         "</p><p><a href=\"" + config.top_url +
         "\">トップページへ戻る</a></p></body></html>";
}

}  // namespace

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
    const std::map<std::string, std::string>& errors,
    ctemplate::TemplateDictionary* dict,
    const std::vector<std::pair<std::string, std::string>>& inputs) {
  for (const auto& [field, message] : errors) {
    // e.g. FAMILY_NAME_ERROR section with its MESSAGE.
    std::string section;
    for (char c : field) section.push_back(static_cast<char>(std::toupper(c)));
    dict->AddSectionDictionary(section + "_ERROR")
        ->SetValue("MESSAGE", message);
  }
  // The summary follows the page's order: the listed fields first, then
  // any other in name order.
  std::vector<ErrorLink> links;
  std::map<std::string, std::string> rest = errors;
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
  ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(dir);
}

Page::Page(const std::string& template_file, const std::string& title,
           Layout layout)
    : layout_file_(layout == Layout::kConsole ? "admin_layout.tpl"
                                              : "layout.tpl"),
      layout_(layout_file_) {
  layout_.SetValue("TITLE", title);
  body_ = layout_.AddIncludeDictionary("BODY");
  body_->SetFilename(template_file);
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

void RenderError(const Config& config, int http_status,
                 const std::string& retry_after, OperatorRequestLink link,
                 Response* response) {
  const ErrorPageText& text = TextFor(http_status);
  Page page("error.tpl", text.title);
  page.dict()->SetValue("HEADING", text.title);
  page.dict()->SetValue("MESSAGE", text.message);
  if (!retry_after.empty()) {
    page.dict()->SetValueAndShowSection("RETRY_AFTER", retry_after, "RETRY");
  }
  if (link == OperatorRequestLink::kOffered) {
    page.dict()->ShowSection("OPERATOR_REQUEST");
  }
  response->SetStatus(http_status);
  std::string html;
  if (page.Render(config, &html).ok()) {
    response->SetHtml(std::move(html));
  } else {
    response->SetHtml(FallbackErrorHtml(text, config));
  }
}

}  // namespace

void RenderErrorPage(const Config& config, int http_status,
                     const std::string& retry_after, Response* response) {
  RenderError(config, http_status, retry_after, OperatorRequestLink::kHidden,
              response);
}

void RenderRateLimitPage(const Config& config, const std::string& retry_after,
                         OperatorRequestLink link, Response* response) {
  RenderError(config, 429, retry_after, link, response);
}

}  // namespace passwd
