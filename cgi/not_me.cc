// "Not me": the link of an access-code or completion mail the user did not
// ask for. Opening it only shows a button (mail scanners open links); the
// button voids the pending code and asks the secretariat to look into it.
#include "base/paths.h"
#include "flow/not_me.h"
#include "web/csrf.h"
#include "web/fcgi_main.h"
#include "web/flow_pages.h"
#include "web/receipt_cookie.h"

namespace passwd {
namespace {

// The page for a link that is not usable, or the confirming form for one
// that is.
Status RenderLink(const Request& request, Env* env, NotMeLinkState state,
                  const std::string& token, Response* response) {
  // Only a usable link's page keeps its token in its language link.
  Page page(state == NotMeLinkState::kUsable ? PageLangOf(request)
                                             : PageLangWithoutQuery(request),
            "not_me.tpl", "not_me_title");
  auto* dict = page.dict();
  switch (state) {
    case NotMeLinkState::kUsable: {
      dict->ShowSection("USABLE");
      dict->SetValue("TOKEN", token);
      Status s = AddCsrfField(env, request, &page, response);
      if (!s.ok()) return s;
      break;
    }
    case NotMeLinkState::kUsed:
      dict->ShowSection("USED");
      break;
    case NotMeLinkState::kExpired:
      dict->ShowSection("EXPIRED");
      break;
    case NotMeLinkState::kUnknown:
      dict->ShowSection("UNKNOWN");
      break;
  }
  return page.RenderTo(env->config(),
                       state == NotMeLinkState::kUnknown ? 404 : 200, response);
}

// The receipt, for the browser that made the report only.
constexpr ReceiptPage kReceiptPage = {"not_me_done.tpl", "not_me_done_title",
                                      true, "not_me_done_mailed"};

}  // namespace

Status HandleNotMe(const Request& request, Env* env, Response* response) {
  if (!request.IsPost()) {
    std::string receipt = request.Query("receipt");
    if (!receipt.empty()) {
      return RenderOwnReceipt(env, request, receipt, kReceiptPage,
                              /*mailed=*/true, response);
    }
    std::string token = request.Query("t");
    NotMeLinkState state = NotMeLinkState::kUnknown;
    Status s = env->db()->Read([&](SqlSession* session) {
      return CheckNotMeLink(env, session, token, &state);
    });
    if (!s.ok()) return s;
    return RenderLink(request, env, state, token, response);
  }

  Status s = CheckCsrf(env->config(), kPublicCsrf, request);
  if (!s.ok()) return s;
  std::string token = request.Form("t");
  NotMeReport report;
  s = env->db()->Transaction([&](SqlSession* session) {
    return ReportNotMe(env, session, request.caller(), token, &report);
  });
  if (!s.ok()) return s;
  if (report.state != NotMeLinkState::kUsable) {
    return RenderLink(request, env, report.state, token, response);
  }
  SetReceiptCookie(env->config(), report.receipt, response);
  response->Redirect(std::string(kNotMePath) + "?receipt=" + report.receipt);
  return Status::Ok();
}

}  // namespace passwd

int main() {
  return passwd::RunPage({"not_me", {"GET", "POST"}, passwd::HandleNotMe});
}
