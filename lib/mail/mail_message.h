// MailMessage: one plain-text notification mail (the access code, the
// completion notice, an operator's reply), composed with GMime into a
// complete RFC 5322 message ready for SMTP. Nothing here does I/O.
#ifndef PASSWD_LIB_MAIL_MAIL_MESSAGE_H_
#define PASSWD_LIB_MAIL_MAIL_MESSAGE_H_

#include <chrono>
#include <cstddef>
#include <string>

#include "base/status.h"
#include "domain/mail_address.h"

namespace passwd {

// Longest Subject accepted, in bytes of UTF-8.
constexpr size_t kMaxMailSubjectBytes = 400;
// Longest From display name accepted, in bytes of UTF-8.
constexpr size_t kMaxMailDisplayNameBytes = 200;
// Longest body accepted, in bytes of UTF-8.
constexpr size_t kMaxMailBodyBytes = 256 * 1024;

// What a mail says and to whom; every field is plain (decoded) text.
struct MailMessage {
  // The sender's address, e.g. "noreply@umin.ac.jp".
  std::string from_address;
  // The sender's name shown by mail readers (UTF-8, may be Japanese or
  // empty).
  std::string from_display_name;
  // The single recipient's address.
  std::string to_address;
  // The subject line (UTF-8, may be Japanese, one line, not empty).
  std::string subject;
  // The body text (UTF-8); any line ending is sent as CRLF.
  std::string body;
  // When the mail was written; the Date header shows it in JST (+0900).
  std::chrono::system_clock::time_point date;
  // The right side of the Message-ID, a host name such as "umin.ac.jp".
  std::string message_id_domain;
  // The left side of the Message-ID: unique and random, of letters, digits,
  // '.', '-' and '_' only (e.g. the hex of 16 random bytes).
  std::string message_id_random;
};

// Composes message into *rfc5322 as a complete MIME message (From, To,
// Subject, Date, Message-ID, MIME-Version, text/plain UTF-8 in base64) with
// CRLF line endings; returns InvalidInput, and leaves *rfc5322 alone, when a
// field could inject a header or is not valid UTF-8 text.
Status ComposeMail(const MailMessage& message, std::string* rfc5322);

}  // namespace passwd

#endif  // PASSWD_LIB_MAIL_MAIL_MESSAGE_H_
