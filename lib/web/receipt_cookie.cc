#include "web/receipt_cookie.h"

#include "base/crypto.h"
#include "base/paths.h"
#include "store/operator_requests.h"

namespace passwd {
namespace {

std::string ReceiptCookieValue(const Config& config,
                               const std::string& receipt) {
  return Base64UrlEncode(
      HmacSha256(config.code_hmac_key, "operator-receipt:" + receipt));
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
  return env->db()->Transaction([&](SqlSession* session) {
    return FindReceiptContact(session, receipt, contact_mail);
  });
}

}  // namespace passwd
