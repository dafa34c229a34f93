// The one check of a mail address: what the mailer can send to is what the
// forms and the console accept, so no stored address fails every later mail.
#ifndef PASSWD_LIB_DOMAIN_MAIL_ADDRESS_H_
#define PASSWD_LIB_DOMAIN_MAIL_ADDRESS_H_

#include <cstddef>
#include <string>

#include "base/status.h"

namespace passwd {

// Longest mail address accepted (RFC 5321's limit on a path, less "<>").
constexpr size_t kMaxMailAddressLength = 254;

// Returns Ok when address is a bare ASCII "local@domain" address fit for an
// SMTP envelope and a header (no control, space or quoting characters, no
// display name, a dotted host name as domain, at most kMaxMailAddressLength
// bytes; the local part may hold dots anywhere, as old Japanese mobile
// addresses do), otherwise InvalidInput.
Status ValidateMailAddress(const std::string& address);

// True for a host name of at least two dot-separated LDH labels, where a
// label spelled as an IDNA A-label ("xn--...") is valid punycode that reads
// back the same from its Unicode form.
bool IsMailHostName(const std::string& domain);

// The mailbox `address` reaches, as far as the address tells it: lower-cased
// whole (few mail servers tell case apart) and without a "+tag" suffix of
// the local part, so "Taro+x@Example.JP" and "taro@example.jp" are one
// mailbox for a limit on mails sent to it.
std::string MailboxOf(const std::string& address);

// Masks an address for display, t***@example.org: the page shows where mail
// went without showing the address (nor a UMIN ID in it).
std::string MaskMailAddress(const std::string& address);

}  // namespace passwd

#endif  // PASSWD_LIB_DOMAIN_MAIL_ADDRESS_H_
