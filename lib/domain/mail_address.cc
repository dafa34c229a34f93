#include "domain/mail_address.h"

#include <glib.h>

#include <memory>

#include "base/text.h"

namespace passwd {
namespace {

// Longest local part (RFC 5321 section 4.5.3.1.1).
constexpr size_t kMaxLocalPartLength = 64;
// Longest label of a host name (RFC 1035).
constexpr size_t kMaxLabelLength = 63;

// RFC 5322 atext: what an unquoted local part may hold besides dots.
bool IsAtext(char c) {
  if (IsAsciiAlnum(c)) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '/':
    case '=':
    case '?':
    case '^':
    case '_':
    case '`':
    case '{':
    case '|':
    case '}':
    case '~':
      return true;
    default:
      return false;
  }
}

struct GFree {
  void operator()(gpointer memory) const { g_free(memory); }
};

// True when `domain`, an LDH host name with an IDNA A-label ("xn--..."),
// reads back the same (but for case) from its Unicode form, as the mailer
// (GMime, through GLib) converts it when it writes the header: a label that
// is not valid punycode would otherwise become another domain in To than
// the one mail is sent to.
bool IsValidIdnHostName(const std::string& domain) {
  std::unique_ptr<char, GFree> unicode(g_hostname_to_unicode(domain.c_str()));
  if (unicode == nullptr) return false;
  std::unique_ptr<char, GFree> ascii(g_hostname_to_ascii(unicode.get()));
  return ascii != nullptr && ToLowerAscii(domain) == ascii.get();
}

}  // namespace

// True for a host name of at least two dot-separated LDH labels, its IDNA
// labels valid.
bool IsMailHostName(const std::string& domain) {
  if (domain.empty() || domain.size() > kMaxMailAddressLength) return false;
  size_t labels = 0;
  size_t start = 0;
  while (true) {
    size_t dot = domain.find('.', start);
    size_t end = dot == std::string::npos ? domain.size() : dot;
    size_t length = end - start;
    if (length == 0 || length > kMaxLabelLength) return false;
    if (domain[start] == '-' || domain[end - 1] == '-') return false;
    for (size_t i = start; i < end; ++i) {
      if (!IsAsciiAlnum(domain[i]) && domain[i] != '-') return false;
    }
    ++labels;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (labels < 2) return false;
  const std::string lower = ToLowerAscii(domain);
  if (lower.rfind("xn--", 0) == 0 || lower.find(".xn--") != std::string::npos) {
    return IsValidIdnHostName(domain);
  }
  return true;
}

Status ValidateMailAddress(const std::string& address) {
  if (address.empty()) return Status::InvalidInput("mail address is empty");
  if (address.size() > kMaxMailAddressLength) {
    return Status::InvalidInput("mail address is too long");
  }
  size_t at = address.find('@');
  if (at == std::string::npos) {
    return Status::InvalidInput("mail address has no '@'");
  }
  if (address.find('@', at + 1) != std::string::npos) {
    return Status::InvalidInput("mail address has more than one '@'");
  }
  if (at == 0 || at > kMaxLocalPartLength) {
    return Status::InvalidInput("mail address has a bad local part length");
  }
  bool has_atext = false;
  for (size_t i = 0; i < at; ++i) {
    char c = address[i];
    if (c == '.') continue;
    if (!IsAtext(c)) {
      return Status::InvalidInput(
          "mail address local part holds a forbidden character");
    }
    has_atext = true;
  }
  if (!has_atext) {
    return Status::InvalidInput("mail address local part is only dots");
  }
  if (!IsMailHostName(address.substr(at + 1))) {
    return Status::InvalidInput("mail address domain is not a host name");
  }
  return Status::Ok();
}

std::string MailboxOf(const std::string& address) {
  std::string mailbox = ToLowerAscii(address);
  const size_t at = mailbox.rfind('@');
  const size_t plus = mailbox.find('+');
  if (at != std::string::npos && plus != std::string::npos && plus > 0 &&
      plus < at) {
    mailbox.erase(plus, at - plus);
  }
  return mailbox;
}

std::string MaskMailAddress(const std::string& address) {
  size_t at = address.find('@');
  if (at == std::string::npos || at == 0) return "***";
  return address.substr(0, 1) + "***" + address.substr(at);
}

}  // namespace passwd
