#include "web/receipt_cookie.h"

#include "base/catalogue.h"

#include "base/crypto.h"
#include "base/paths.h"
#include "domain/mail_address.h"
#include "store/operator_requests.h"
#include "web/page.h"

namespace passwd {
namespace {

std::string ReceiptCookieValue(const Config& config,
                               const std::string& receipt) {
  return Base64UrlEncode(
      HmacSha256(config.keys.receipt, "operator-receipt:" + receipt));
}

}  // namespace

void SetReceiptCookie(const Config& config, const std::string& receipt,
                      Response* response) {
  response->SetCookie(kReceiptCookie, ReceiptCookieValue(config, receipt),
                      kPublicPrefix, kReceiptCookieSeconds);
}

bool HoldsReceiptCookie(const Config& config, const Request& request,
                        const std::string& receipt) {
  if (receipt.empty() || receipt.size() > kReceiptNumberMaxLength) return false;
  std::string cookie = request.Cookie(kReceiptCookie);
  return !cookie.empty() &&
         ConstantTimeEquals(cookie, ReceiptCookieValue(config, receipt));
}

Status FindOwnReceiptContact(Env* env, const Request& request,
                             const std::string& receipt,
                             std::optional<std::string>* contact_mail) {
  contact_mail->reset();
  if (!HoldsReceiptCookie(env->config(), request, receipt)) {
    return Status::Ok();
  }
  return env->db()->Read([&](SqlSession* session) {
    return FindReceiptContact(session, receipt, contact_mail);
  });
}

Status RenderOwnReceipt(Env* env, const Request& request,
                        const std::string& receipt, const ReceiptPage& page,
                        bool mailed, Response* response) {
  std::optional<std::string> contact;
  Status s = FindOwnReceiptContact(env, request, receipt, &contact);
  if (!s.ok()) return s;
  // A refused receipt's language link does not repeat its number.
  Page shown_page(contact ? PageLangOf(request) : PageLangWithoutQuery(request),
                  page.template_file,
                  contact ? page.title_key : "receipt_unavailable_title");
  if (contact) {
    const Lang lang = shown_page.lang();
    const std::map<std::string, std::string> args = {
        {"contact", page.mask_contact ? MaskMailAddress(*contact) : *contact}};
    auto* shown = shown_page.dict()->AddSectionDictionary("RECEIPT");
    shown->SetValue("RECEIPT_NUMBER", receipt);
    shown->SetValue("MAILED_TEXT", FormatText(lang, page.mailed_key, args));
    shown->SetValue("NOT_MAILED_TEXT",
                    FormatText(lang, "operator_request_done_not_mailed", args));
    shown->ShowSection(mailed ? "MAILED" : "NOT_MAILED");
  } else {
    shown_page.dict()->ShowSection("UNAVAILABLE");
  }
  return shown_page.RenderTo(env->config(), contact ? 200 : 404, response);
}

}  // namespace passwd
