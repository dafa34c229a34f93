// The receipt cookie: lets only the browser that submitted an operator
// request see its receipt page.
#ifndef PASSWD_LIB_WEB_RECEIPT_COOKIE_H_
#define PASSWD_LIB_WEB_RECEIPT_COOKIE_H_

#include <optional>
#include <string>

#include "base/config.h"
#include "base/env.h"
#include "base/status.h"
#include "web/request.h"
#include "web/response.h"

namespace passwd {

// The cookie that shows a receipt page only to the browser that submitted
// the request: it holds the receipt number's HMAC under the server key, so
// it can be neither guessed nor moved to another receipt.
inline constexpr long kReceiptCookieSeconds = 3600;

// Sets the receipt cookie for `receipt` on `response`.
void SetReceiptCookie(const Config& config, const std::string& receipt,
                      Response* response);

// True when the browser of `request` holds the receipt cookie of `receipt`.
bool HoldsReceiptCookie(const Config& config, const Request& request,
                        const std::string& receipt);

// The contact address of `receipt`, when the browser of `request` submitted
// it (holds its cookie) and the request exists; empty otherwise, so a
// guessed or shared receipt URL tells nothing.
Status FindOwnReceiptContact(Env* env, const Request& request,
                             const std::string& receipt,
                             std::optional<std::string>* contact_mail);

// How one kind of receipt page looks.
struct ReceiptPage {
  const char* template_file;  // shows the RECEIPT section or UNAVAILABLE
  const char* title_key;      // the title's catalogue key, receipt shown
  bool mask_contact;          // show the contact address masked
  // The catalogue key of the MAILED_TEXT sentence, naming {contact}.
  const char* mailed_key;
};

// Renders the receipt page of `receipt` for the browser that submitted it,
// with its MAILED section, or NOT_MAILED when `mailed` is false (no receipt
// mail was sent); anyone else (a guessed or shared URL) gets a 404 page
// that tells nothing about it.
Status RenderOwnReceipt(Env* env, const Request& request,
                        const std::string& receipt, const ReceiptPage& page,
                        bool mailed, Response* response);

}  // namespace passwd

#endif  // PASSWD_LIB_WEB_RECEIPT_COOKIE_H_
