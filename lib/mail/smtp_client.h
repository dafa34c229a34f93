// SmtpClient: hands one composed mail to the mail server over SMTP
// (libcurl), telling a failure worth retrying from one that never will
// succeed, so the outbox sender knows whether to try the mail again.
#ifndef PASSWD_LIB_MAIL_SMTP_CLIENT_H_
#define PASSWD_LIB_MAIL_SMTP_CLIENT_H_

#include <string>

#include "base/status.h"

namespace passwd {

// Where and how to reach the mail server.
struct SmtpSettings {
  // "smtp://host:port" (plain or STARTTLS) or "smtps://host:port" (TLS from
  // the first byte); no other scheme is accepted. A path names this host in
  // EHLO ("smtp://mail.example.jp:25/passwd.example.jp"); without one
  // libcurl sends this machine's host name.
  std::string url = "smtp://127.0.0.1:25";
  // Requires STARTTLS on an smtp:// URL, failing rather than sending in
  // clear text when the server does not offer it.
  bool starttls = false;
  // SMTP AUTH credentials; both empty means no AUTH.
  std::string username;
  std::string password;
  // Limit on connecting, and separately on the whole exchange; values below
  // 1 mean 30 seconds.
  long timeout_seconds = 30;
};

// Sends rfc5322 (a complete message with CRLF line endings, as ComposeMail
// writes it) from envelope_from to recipient. Returns Ok once the server
// accepted the message; Unavailable for a failure worth retrying later
// (server down or refusing connections, timeout, TLS or login failure, any
// 4xx reply); InvalidInput when the server refused this mail for good (a 5xx
// reply to MAIL FROM, RCPT TO, DATA or the message) or an address is
// malformed; Internal when the settings are unusable. No status message
// ever holds the message text.
Status SendMail(const SmtpSettings& settings, const std::string& envelope_from,
                const std::string& recipient, const std::string& rfc5322);

}  // namespace passwd

#endif  // PASSWD_LIB_MAIL_SMTP_CLIENT_H_
